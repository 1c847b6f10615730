namespace IcOperator.Kube.Tests.Fakes;

/// <summary>A clock that moves only when a test advances it; timers due by then fire in order.</summary>
internal sealed class ManualClock : TimeProvider
{
    private readonly Lock sync = new();
    private readonly List<ManualTimer> timers = [];
    private DateTimeOffset now;

    public ManualClock(DateTimeOffset? start = null) => now = start ?? new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow()
    {
        lock (sync)
        {
            return now;
        }
    }

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <summary>Timers waiting to fire (armed, not disposed).</summary>
    public int ArmedTimers
    {
        get
        {
            lock (sync)
            {
                return timers.Count(t => t.Due is not null);
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        lock (sync)
        {
            timers.Add(timer);
        }

        timer.Change(dueTime, period);
        return timer;
    }

    public void Advance(TimeSpan by)
    {
        DateTimeOffset target;
        lock (sync)
        {
            target = now + by;
        }

        while (true)
        {
            ManualTimer? next;
            lock (sync)
            {
                next = timers.Where(t => t.Due is { } d && d <= target).OrderBy(t => t.Due).FirstOrDefault();
                if (next is null)
                {
                    now = target;
                    return;
                }

                if (next.Due > now)
                {
                    now = next.Due!.Value;
                }
            }

            next.Fire();
        }
    }

    private void Remove(ManualTimer timer)
    {
        lock (sync)
        {
            timers.Remove(timer);
        }
    }

    private sealed class ManualTimer(ManualClock clock, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan period = Timeout.InfiniteTimeSpan;

        public DateTimeOffset? Due { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock.sync)
            {
                this.period = period;
                Due = dueTime == Timeout.InfiniteTimeSpan ? null : clock.now + dueTime;
            }

            return true;
        }

        public void Fire()
        {
            lock (clock.sync)
            {
                Due = period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero ? null : Due + period;
            }

            callback(state);
        }

        public void Dispose()
        {
            lock (clock.sync)
            {
                Due = null;
            }

            clock.Remove(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
