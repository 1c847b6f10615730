using IcOperator.Api.V1Alpha1;

namespace IcOperator.Orchestration.Packages;

/// <summary>The next step and what it needs.</summary>
internal sealed record PackageStep(PackageStepKind Kind)
{
    public static PackageStep None { get; } = new(PackageStepKind.None);

    /// <summary>The component the step acts on.</summary>
    public string? Component { get; init; }

    /// <summary>For CreateComponent, UpdateComponent and UpgradeComponent: the CanisterDeployment spec to write.</summary>
    public CanisterDeploymentSpec? Deployment { get; init; }

    /// <summary>For BeginUpgrade: the components the upgrade changes, in order.</summary>
    public IReadOnlyList<ComponentOperation> Components { get; init; } = [];

    /// <summary>For RecordSnapshot: the snapshot id.</summary>
    public string? SnapshotId { get; init; }

    /// <summary>For RecordComponent: how the component's part ended.</summary>
    public ComponentStep? Outcome { get; init; }

    /// <summary>For RestoreComponent: the restore request to send.</summary>
    public RestoreRequest? Restore { get; init; }

    /// <summary>For RestoreComponent and RevertComponent: the version to go back to.</summary>
    public string? Version { get; init; }

    /// <summary>For CompleteUpgrade: how the upgrade ended.</summary>
    public OperationResult? Result { get; init; }

    /// <summary>For RecordComponent and CompleteUpgrade: why, for people.</summary>
    public string? Message { get; init; }
}
