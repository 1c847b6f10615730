using IcOperator.Api.V1Alpha1;
using IcOperator.Candid;
using IcOperator.Orchestration;

namespace IcOperator.Audit;

/// <summary>What the audit blocks of one step are built from: who acts, on which canister, for which spec and status.</summary>
internal sealed record AuditedStep
{
    public required Principal Caller { get; init; }

    public required Principal Canister { get; init; }

    public required CanisterStep Step { get; init; }

    public required CanisterDeploymentSpec Spec { get; init; }

    /// <summary>The status before the step (for announcements) or after it (for results).</summary>
    public required CanisterDeploymentStatus Status { get; init; }

    /// <summary>SHA-256 of the module the deployment wants, hex; null while the template is not verified.</summary>
    public string? DesiredModuleHash { get; init; }

    public byte[] Argument { get; init; } = [];

    /// <summary>For a step that adds a controller: the controllers the canister has with it, as the step sets them.</summary>
    public IReadOnlyList<Principal>? ControllersAfterStep { get; init; }
}
