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

    /// <summary>
    /// While the controllers stay busy, the least time between two releases (from the start of the busy period or the
    /// last release). Each is a full compacting collection, about 25 ms with the 20 MiB a 1,000-deployment deploy keeps
    /// live; at 1 s the heap of that deploy stayed within 20 MiB of its live size (bench/README.md).
    /// </summary>
    public TimeSpan BusyInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How much the GC heap's committed memory must have grown since the last release for a release while busy: a busy
    /// operator whose heap holds steady (resyncs of a fleet already Ready) has nothing to give back.
    /// </summary>
    public long MinBusyGrowthBytes { get; init; } = 12L * 1024 * 1024;

    /// <summary>How often the controllers' activity is sampled.</summary>
    public TimeSpan SampleEvery { get; init; } = TimeSpan.FromSeconds(1);
}
