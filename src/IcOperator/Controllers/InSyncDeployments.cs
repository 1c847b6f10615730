using System.Collections.Concurrent;
using IcOperator.Kube.Resources;

namespace IcOperator.Controllers;

/// <summary>
/// Deployments last found in sync, and the inputs they were found in sync with (the deployment's generation and
/// requested reconcile, the network and template as read). A reconcile with the same inputs before the resync is due
/// has nothing to learn from the IC: the observation is fresh and no step changed the canister since. One small entry
/// per deployment, removed when the deployment goes.
/// </summary>
internal sealed class InSyncDeployments(TimeProvider clock)
{
    private readonly ConcurrentDictionary<ObjectKey, (string Inputs, DateTimeOffset ResyncAt)> found = new();

    /// <summary>The time left until the resync when the deployment was found in sync with these inputs; null when it must be observed.</summary>
    public TimeSpan? UntilResync(ObjectKey key, string inputs)
    {
        if (!found.TryGetValue(key, out var entry) || entry.Inputs != inputs)
        {
            return null;
        }

        var left = entry.ResyncAt - clock.GetUtcNow();
        return left > TimeSpan.Zero ? left : null;
    }

    public void Record(ObjectKey key, string inputs, TimeSpan resyncInterval) => found[key] = (inputs, clock.GetUtcNow() + resyncInterval);

    public void Forget(ObjectKey key) => found.TryRemove(key, out _);
}
