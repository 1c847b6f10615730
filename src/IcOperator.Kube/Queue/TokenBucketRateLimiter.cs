namespace IcOperator.Kube.Queue;

/// <summary>
/// An overall token bucket (controller-runtime: 10 qps, burst 100): every retry of any item takes a token,
/// and waits for one when the bucket is empty, so a failing fleet cannot hammer the API server.
/// </summary>
public sealed class TokenBucketRateLimiter<TKey>(double ratePerSecond, int burst, TimeProvider clock) : IRateLimiter<TKey>
{
    private readonly Lock sync = new();
    private double tokens = burst;
    private DateTimeOffset last = clock.GetUtcNow();

    public TimeSpan When(TKey item)
    {
        lock (sync)
        {
            var now = clock.GetUtcNow();
            if (now > last)
            {
                tokens = Math.Min(burst, tokens + ((now - last).TotalSeconds * ratePerSecond));
                last = now;
            }

            // Reserve a token now even if it is not there yet: the caller waits for it.
            tokens -= 1;
            return tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-tokens / ratePerSecond);
        }
    }

    public void Forget(TKey item)
    {
    }

    public int NumRequeues(TKey item) => 0;
}
