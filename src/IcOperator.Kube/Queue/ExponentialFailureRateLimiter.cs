using System.Collections.Concurrent;

namespace IcOperator.Kube.Queue;

/// <summary>Per-item exponential backoff: base × 2^failures, capped (controller-runtime: 5 ms → 1000 s).</summary>
public sealed class ExponentialFailureRateLimiter<TKey>(TimeSpan baseDelay, TimeSpan maxDelay) : IRateLimiter<TKey>
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, int> failures = new();

    public TimeSpan When(TKey item)
    {
        var exponent = failures.AddOrUpdate(item, 1, (_, n) => n + 1) - 1;

        // Past 2^40 the cap has long been reached; stop before the double overflows.
        if (exponent > 40)
        {
            return maxDelay;
        }

        var delay = baseDelay.TotalSeconds * Math.Pow(2, exponent);
        return delay >= maxDelay.TotalSeconds ? maxDelay : TimeSpan.FromSeconds(delay);
    }

    public void Forget(TKey item) => failures.TryRemove(item, out _);

    public int NumRequeues(TKey item) => failures.TryGetValue(item, out var n) ? n : 0;
}
