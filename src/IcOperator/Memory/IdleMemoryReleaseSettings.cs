namespace IcOperator.Memory;

/// <summary>When the operator gives memory back after a burst of work (<see cref="IdleMemoryReleasePolicy"/>).</summary>
internal sealed record IdleMemoryReleaseSettings
{
    /// <summary>Reconciles finished since the last release that count as a busy period worth releasing after.</summary>
    public long MinReconciles { get; init; } = 100;

    /// <summary>How long the controllers must have been seen idle (nothing queued, nothing running) first.</summary>
    public TimeSpan QuietPeriod { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>The least time between two releases: a full compacting collection is a pause, however short.</summary>
    public TimeSpan MinInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the controllers' activity is sampled.</summary>
    public TimeSpan SampleEvery { get; init; } = TimeSpan.FromSeconds(1);
}
