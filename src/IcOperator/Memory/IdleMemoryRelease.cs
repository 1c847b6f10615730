using IcOperator.Kube.Reconciliation;
using Microsoft.Extensions.Logging;

namespace IcOperator.Memory;

/// <summary>
/// Gives memory back once a burst of work is over, and during a long one: samples the controllers' activity and, when
/// <see cref="IdleMemoryReleasePolicy"/> says so, runs one aggressive compacting collection (the GC decommits what
/// it no longer needs) and trims glibc's malloc heap. Without it both keep the peak of the last burst resident.
/// </summary>
internal sealed class IdleMemoryRelease(Func<ControllerActivity> activity, IdleMemoryReleaseSettings settings, TimeProvider clock, ILogger logger)
{
    private readonly IdleMemoryReleasePolicy policy = new(settings);

    /// <summary>Samples until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(settings.SampleEvery, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                if (policy.ShouldRelease(clock.GetUtcNow(), activity(), GC.GetGCMemoryInfo().TotalCommittedBytes))
                {
                    Release();
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private void Release()
    {
        var before = GC.GetGCMemoryInfo().TotalCommittedBytes;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var trimmed = NativeHeap.Trim();
        var after = GC.GetGCMemoryInfo();
        policy.Released(after.TotalCommittedBytes);
        logger.LogDebug(
            "Memory released: GC heap committed {Before} → {After} bytes ({Live} live), pages returned by malloc_trim: {Trimmed}",
            before,
            after.TotalCommittedBytes,
            after.HeapSizeBytes,
            trimmed);
    }
}
