using IcOperator.Api.V1Alpha1;

namespace IcOperator.Orchestration;

/// <summary>Which operator-taken snapshots to delete. Snapshots someone else took are never touched.</summary>
internal static class SnapshotRetention
{
    /// <summary>
    /// Operator-taken snapshots the IC still holds beyond the newest <paramref name="retention"/>, oldest first.
    /// The snapshot of an operation still running is always kept.
    /// </summary>
    public static IReadOnlyList<string> BeyondRetention(CanisterDeploymentStatus status, ObservedCanister canister, int retention)
    {
        var owned = Owned(status, canister);
        var excess = owned.Count - Math.Max(retention, 0);
        return excess <= 0
            ? []
            : owned.Take(excess).Where(id => id != ProtectedSnapshot(status)).ToList();
    }

    /// <summary>The oldest operator-taken snapshot to delete so a new one fits under the IC's limit, if the canister is at it.</summary>
    public static string? ToMakeRoom(CanisterDeploymentStatus status, ObservedCanister canister, int limit)
    {
        if (canister.Snapshots.Count < limit)
        {
            return null;
        }

        return Owned(status, canister).FirstOrDefault(id => id != ProtectedSnapshot(status));
    }

    /// <summary>Operator-taken snapshots the IC still holds, oldest first.</summary>
    private static List<string> Owned(CanisterDeploymentStatus status, ObservedCanister canister)
    {
        var onIc = canister.Snapshots.ToDictionary(s => s.Id, s => s.TakenAt, StringComparer.OrdinalIgnoreCase);
        return status.Snapshots
            .Where(s => onIc.ContainsKey(s.Id))
            .OrderBy(s => onIc[s.Id])
            .Select(s => s.Id)
            .ToList();
    }

    private static string? ProtectedSnapshot(CanisterDeploymentStatus status) =>
        status.LastOperation is { Result: null } operation ? operation.SnapshotId : null;
}
