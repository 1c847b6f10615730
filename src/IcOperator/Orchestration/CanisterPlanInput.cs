using IcOperator.Api.V1Alpha1;

namespace IcOperator.Orchestration;

/// <summary>Everything the planner decides from: the resource as stored, and what was observed just before.</summary>
internal sealed record CanisterPlanInput
{
    public required CanisterDeploymentSpec Spec { get; init; }

    public CanisterDeploymentStatus Status { get; init; } = new();

    public long Generation { get; init; } = 1;

    /// <summary>metadata.deletionTimestamp is set.</summary>
    public bool Deleting { get; init; }

    public NetworkObservation Network { get; init; } = new();

    public TemplateAvailability Template { get; init; } = TemplateAvailability.Verified;

    public DesiredModule? Module { get; init; }

    /// <summary>The canister as the IC reports it; null when no canister id is known yet.</summary>
    public ObservedCanister? Canister { get; init; }

    /// <summary>The install argument checked against the module's init types.</summary>
    public GateResult Argument { get; init; } = GateResult.Pass;

    /// <summary>The post-deploy and pre-delete call arguments checked against the methods' argument types.</summary>
    public GateResult Calls { get; init; } = GateResult.Pass;

    /// <summary>The new module's candid:service checked as a subtype of the running one.</summary>
    public GateResult Interface { get; init; } = GateResult.Pass;

    /// <summary>
    /// Whether the module the canister runs can call other canisters (imports ic0.call_new or ic0.call_perform); null when
    /// the operator does not hold that module (not a verified version of the template) or did not need to look.
    /// </summary>
    public bool? RunningModuleCanMakeCalls { get; init; }

    /// <summary>How many snapshots the IC keeps per canister.</summary>
    public int SnapshotLimit { get; init; } = 10;
}
