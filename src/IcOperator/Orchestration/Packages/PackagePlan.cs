using IcOperator.Api.V1Alpha1;

namespace IcOperator.Orchestration.Packages;

/// <summary>The package planner's answer: the one step to run and what status should say.</summary>
internal sealed record PackagePlan
{
    public PackageStep Step { get; init; } = PackageStep.None;

    public required CanisterPhase Phase { get; init; }

    public required bool Ready { get; init; }

    public required string Reason { get; init; }

    public required string Message { get; init; }

    /// <summary>Terminal: no retry until the spec changes.</summary>
    public bool Stalled { get; init; }

    public bool Reconciling => !Ready && !Stalled;
}
