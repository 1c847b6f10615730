using System.Collections.Concurrent;
using IcOperator.Kube.Resources;
using IcOperator.Orchestration;

namespace IcOperator.Controllers;

/// <summary>
/// Deployments waiting on something that leaves their canister as it was (the chunk store on their subnet, a call in
/// flight, a health check not yet passed), with the canister as observed before the wait. Status writes of the network
/// and template and the wait's own requeue wake them; none of those changed the canister, so the wake plans on that
/// observation instead of reading canister_status again (a call in flight is first read back by its request id).
/// An entry is used once, only with the same deployment inputs, and until a resync interval after the observation;
/// a restart observes.
/// </summary>
internal sealed class CanisterWaits(TimeProvider clock)
{
    private readonly ConcurrentDictionary<ObjectKey, (string Inputs, WaitedObservation Waited)> waiting = new();

    /// <summary>Records the canister as observed now; it stands in for a new observation for <paramref name="freshFor"/>.</summary>
    public void Record(ObjectKey key, string inputs, ObservedCanister observed, TimeSpan freshFor) =>
        Record(key, inputs, new WaitedObservation(observed, clock.GetUtcNow() + freshFor));

    /// <summary>Records an observation taken back for a wait that goes on; it keeps the time it is fresh until.</summary>
    public void Record(ObjectKey key, string inputs, WaitedObservation waited) => waiting[key] = (inputs, waited);

    /// <summary>The observation recorded at the wait, removed; null when there is none for these inputs or it is too old.</summary>
    public WaitedObservation? Take(ObjectKey key, string inputs) =>
        waiting.TryRemove(key, out var entry) && entry.Inputs == inputs && entry.Waited.FreshUntil > clock.GetUtcNow() ? entry.Waited : null;

    public void Forget(ObjectKey key) => waiting.TryRemove(key, out _);
}
