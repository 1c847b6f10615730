using IcOperator.Api.V1Alpha1;

namespace IcOperator.Orchestration;

/// <summary>
/// When the planner reads the canister's snapshot list, so that list_canister_snapshots is called only then: a
/// restore on request, an upgrade whose snapshot is not recorded yet (one taken by an interrupted step is found there,
/// and room is made at the IC's limit; it is read before the stop, so the downtime holds no list), and pruning beyond
/// the retention, which can only apply when status records more operator-taken snapshots than are kept.
/// </summary>
internal static class SnapshotListing
{
    public static bool IsNeeded(CanisterDeploymentSpec spec, CanisterDeploymentStatus status, ObservedCanister canister) =>
        RestoreRequested(spec, status) || SnapshotStepDue(spec, status, canister) || status.Snapshots.Count > Math.Max(spec.SnapshotRetention, 0);

    private static bool RestoreRequested(CanisterDeploymentSpec spec, CanisterDeploymentStatus status) =>
        spec.Restore is { } restore && restore.RequestedAt != status.LastHandledRestoreAt;

    private static bool SnapshotStepDue(CanisterDeploymentSpec spec, CanisterDeploymentStatus status, ObservedCanister canister) =>
        spec.Upgrade.Snapshot && status.LastOperation is { Result: null, Type: OperationType.Upgrade, SnapshotId: null } && canister.ModuleHash is not null;
}
