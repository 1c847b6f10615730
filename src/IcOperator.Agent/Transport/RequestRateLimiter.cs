namespace IcOperator.Agent.Transport;

/// <summary>A token bucket (burst of one second's worth) that spaces HTTP requests to one network.</summary>
internal sealed class RequestRateLimiter(double requestsPerSecond, TimeProvider clock)
{
    private readonly Lock gate = new();
    private readonly double capacity = Math.Max(1, requestsPerSecond);
    private double tokens = Math.Max(1, requestsPerSecond);
    private long lastRefill = clock.GetTimestamp();

    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        if (double.IsPositiveInfinity(requestsPerSecond))
        {
            return;
        }

        while (true)
        {
            TimeSpan wait;
            lock (gate)
            {
                var now = clock.GetTimestamp();
                tokens = Math.Min(capacity, tokens + (clock.GetElapsedTime(lastRefill, now).TotalSeconds * requestsPerSecond));
                lastRefill = now;
                if (tokens >= 1)
                {
                    tokens -= 1;
                    return;
                }

                wait = TimeSpan.FromSeconds((1 - tokens) / requestsPerSecond);
            }

            await Task.Delay(wait, clock, cancellationToken);
        }
    }
}
