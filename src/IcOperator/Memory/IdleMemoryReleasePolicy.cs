using IcOperator.Kube.Reconciliation;

namespace IcOperator.Memory;

/// <summary>
/// Decides when to give memory back. After a busy period (enough reconciles since the last release), once the
/// controllers have been idle for a quiet period, and never more often than the minimum interval apart. And during a long
/// busy period (a fleet deploying), every busy interval while the GC heap has grown by the minimum growth since the
/// last release: otherwise the burst's garbage and freed native memory stay resident until it ends. Pure: fed the
/// time, the controllers' activity and the GC heap's committed bytes at each sample.
/// </summary>
internal sealed class IdleMemoryReleasePolicy(IdleMemoryReleaseSettings settings)
{
    private DateTimeOffset? idleSince;
    private DateTimeOffset? busySince;
    private DateTimeOffset? lastRelease;
    private DateTimeOffset? lastIdleRelease;
    private long reconcilesAtLastRelease;
    private long? committedAfterLastRelease;

    /// <summary>True when memory should be released now; the release is then counted as done at <paramref name="now"/>.</summary>
    public bool ShouldRelease(DateTimeOffset now, ControllerActivity activity, long heapCommittedBytes)
    {
        // Until a release reports what it left (Released), the first sample is the mark.
        committedAfterLastRelease ??= heapCommittedBytes;
        if (!activity.IsIdle)
        {
            idleSince = null;
            busySince ??= now;
            var busyFor = now - (lastRelease is { } released && released > busySince.Value ? released : busySince.Value);
            return busyFor >= settings.BusyInterval && heapCommittedBytes - committedAfterLastRelease >= settings.MinBusyGrowthBytes && Release(now, activity);
        }

        busySince = null;
        idleSince ??= now;
        var busyPeriodBehind = activity.ReconcilesCompleted - reconcilesAtLastRelease >= settings.MinReconciles;
        var quietLongEnough = now - idleSince.Value >= settings.QuietPeriod;
        var intervalPassed = lastIdleRelease is not { } last || now - last >= settings.MinInterval;
        if (!busyPeriodBehind || !quietLongEnough || !intervalPassed)
        {
            return false;
        }

        lastIdleRelease = now;
        return Release(now, activity);
    }

    /// <summary>
    /// What the GC heap holds right after a release: the mark its growth is measured from. Not the next sample: a fleet
    /// deploying fills a second's gen-0 budget and more by then, and the heap would then never seem to grow enough.
    /// </summary>
    public void Released(long heapCommittedBytes) => committedAfterLastRelease = heapCommittedBytes;

    private bool Release(DateTimeOffset now, ControllerActivity activity)
    {
        lastRelease = now;
        reconcilesAtLastRelease = activity.ReconcilesCompleted;
        committedAfterLastRelease = null;
        return true;
    }
}
