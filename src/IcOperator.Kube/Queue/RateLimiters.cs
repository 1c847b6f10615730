namespace IcOperator.Kube.Queue;

/// <summary>The rate limiters controllers use by default.</summary>
public static class RateLimiters
{
    public static TimeSpan DefaultBaseDelay { get; } = TimeSpan.FromMilliseconds(5);

    public static TimeSpan DefaultMaxDelay { get; } = TimeSpan.FromSeconds(1000);

    /// <summary>controller-runtime's default: per-item 5 ms → 1000 s, and an overall 10 qps / 100 burst bucket.</summary>
    public static IRateLimiter<TKey> DefaultController<TKey>(TimeProvider clock)
        where TKey : notnull
        => new MaxOfRateLimiter<TKey>(
            new ExponentialFailureRateLimiter<TKey>(DefaultBaseDelay, DefaultMaxDelay),
            new TokenBucketRateLimiter<TKey>(10, 100, clock));
}
