using IcOperator.Api.V1Alpha1;

namespace IcOperator.Orchestration;

/// <summary>The planner's answer: the state the deployment is in, the one step to run, and what status should say.</summary>
internal sealed record CanisterPlan
{
    public required CanisterState State { get; init; }

    public CanisterStep Step { get; init; } = CanisterStep.None;

    public required CanisterPhase Phase { get; init; }

    public required bool Ready { get; init; }

    /// <summary>The Ready condition's reason (and, when not Ready, the Stalled or Reconciling reason).</summary>
    public required string Reason { get; init; }

    public required string Message { get; init; }

    /// <summary>Terminal: no retry until the spec changes.</summary>
    public bool Stalled { get; init; }

    /// <summary>Work is under way (a step runs or another reconcile is expected to make progress).</summary>
    public bool Reconciling => !Ready && !Stalled && Phase is not CanisterPhase.Suspended;
}
