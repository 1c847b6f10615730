using System.Collections.Concurrent;
using IcOperator.Kube.Reconciliation;
using IcOperator.Kube.Resources;

namespace IcOperator.Kube.Tests.Fakes;

/// <summary>A reconciler whose behaviour each test scripts, recording every call.</summary>
internal sealed class ScriptedReconciler<T>(Func<T, CancellationToken, Task<ReconcileResult>> reconcile) : IReconciler<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private int active;
    private int maxActive;

    public ConcurrentQueue<(string Key, long? Generation, string? ResourceVersion)> Calls { get; } = new();

    public ConcurrentQueue<ObjectKey> Deleted { get; } = new();

    public int MaxConcurrent => Volatile.Read(ref maxActive);

    public int CallsFor(string key) => Calls.Count(c => c.Key == key);

    public async Task<ReconcileResult> ReconcileAsync(T resource, CancellationToken cancellationToken)
    {
        Calls.Enqueue((ObjectKey.Of(resource).ToString(), resource.Metadata.Generation, resource.Metadata.ResourceVersion));
        var now = Interlocked.Increment(ref active);
        InterlockedMax(ref maxActive, now);
        try
        {
            return await reconcile(resource, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref active);
        }
    }

    public Task DeletedAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        Deleted.Enqueue(key);
        return Task.CompletedTask;
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
