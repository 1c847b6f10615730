namespace IcOperator.Kube.Watch;

/// <summary>
/// client-go's reflector backoff: 800 ms doubling to 30 s, plus up to 100 % jitter so a fleet of
/// operators does not reconnect in step; forgotten after two quiet minutes.
/// </summary>
internal sealed class ReflectorBackoff(TimeProvider clock, Random random)
{
    public static readonly TimeSpan Initial = TimeSpan.FromMilliseconds(800);
    public static readonly TimeSpan Cap = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ResetAfter = TimeSpan.FromMinutes(2);

    private TimeSpan current = Initial;
    private DateTimeOffset? lastFailure;

    public TimeSpan Next()
    {
        var now = clock.GetUtcNow();
        if (lastFailure is { } last && now - last > ResetAfter)
        {
            current = Initial;
        }

        lastFailure = now;
        var delay = current;
        current = TimeSpan.FromTicks(Math.Min(current.Ticks * 2, Cap.Ticks));
        return delay + (delay * random.NextDouble());
    }

    public void Reset()
    {
        current = Initial;
        lastFailure = null;
    }
}
