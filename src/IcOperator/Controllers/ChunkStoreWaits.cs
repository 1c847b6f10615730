using System.Collections.Concurrent;
using IcOperator.Kube.Resources;
using IcOperator.Orchestration;

namespace IcOperator.Controllers;

/// <summary>
/// Deployments whose install waits for the chunk store on their subnet, with the canister as observed just before the
/// wait. The network's status write that records (or gives up) their subnet's store wakes them; the waiting step
/// changed nothing on the canister, so the wake plans on that observation instead of reading canister_status again.
/// An entry is used once, only with the same deployment inputs, and at most for a resync interval; a restart observes.
/// </summary>
internal sealed class ChunkStoreWaits(TimeProvider clock)
{
    private readonly ConcurrentDictionary<ObjectKey, (string Inputs, ObservedCanister Observed, DateTimeOffset Until)> waiting = new();

    public void Record(ObjectKey key, string inputs, ObservedCanister observed, TimeSpan freshFor) => waiting[key] = (inputs, observed, clock.GetUtcNow() + freshFor);

    /// <summary>The observation recorded at the wait, removed; null when there is none for these inputs or it is too old.</summary>
    public ObservedCanister? Take(ObjectKey key, string inputs) =>
        waiting.TryRemove(key, out var entry) && entry.Inputs == inputs && entry.Until > clock.GetUtcNow() ? entry.Observed : null;

    public void Forget(ObjectKey key) => waiting.TryRemove(key, out _);
}
