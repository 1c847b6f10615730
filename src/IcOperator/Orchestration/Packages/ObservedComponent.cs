using IcOperator.Api.V1Alpha1;

namespace IcOperator.Orchestration.Packages;

/// <summary>A component's CanisterDeployment as read from the API server.</summary>
internal sealed record ObservedComponent
{
    /// <summary>The component it runs (its label).</summary>
    public required string Component { get; init; }

    public required string Name { get; init; }

    public required CanisterDeploymentSpec Spec { get; init; }

    public CanisterDeploymentStatus Status { get; init; } = new();

    public long Generation { get; init; } = 1;

    /// <summary>metadata.deletionTimestamp is set.</summary>
    public bool Deleting { get; init; }

    /// <summary>Ready for its current generation.</summary>
    public bool Ready => Holds(ConditionTypes.Ready);

    /// <summary>Stalled for its current generation: it will not move until its spec changes.</summary>
    public bool Stalled => Holds(ConditionTypes.Stalled);

    /// <summary>The Ready condition's message, or its phase when it has none yet.</summary>
    public string Message => Conditions.Find(Status.Conditions, ConditionTypes.Ready)?.Message is { Length: > 0 } message ? message : $"phase {Status.Phase?.ToString() ?? "unknown"}";

    private bool Holds(string type) =>
        Conditions.Find(Status.Conditions, type) is { Status: ConditionStatus.True } condition && condition.ObservedGeneration == Generation;
}
