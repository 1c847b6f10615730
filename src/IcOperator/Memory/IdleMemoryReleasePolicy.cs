using IcOperator.Kube.Reconciliation;

namespace IcOperator.Memory;

/// <summary>
/// Decides when to give memory back: after a busy period (enough reconciles since the last release), once the
/// controllers have been idle for a quiet period, and never more often than the minimum interval. Pure: fed the
/// time and the controllers' activity at each sample.
/// </summary>
internal sealed class IdleMemoryReleasePolicy(IdleMemoryReleaseSettings settings)
{
    private DateTimeOffset? idleSince;
    private DateTimeOffset? lastRelease;
    private long reconcilesAtLastRelease;

    /// <summary>True when memory should be released now; the release is then counted as done at <paramref name="now"/>.</summary>
    public bool ShouldRelease(DateTimeOffset now, ControllerActivity activity)
    {
        if (!activity.IsIdle)
        {
            idleSince = null;
            return false;
        }

        idleSince ??= now;
        var busyPeriodBehind = activity.ReconcilesCompleted - reconcilesAtLastRelease >= settings.MinReconciles;
        var quietLongEnough = now - idleSince.Value >= settings.QuietPeriod;
        var intervalPassed = lastRelease is not { } last || now - last >= settings.MinInterval;
        if (!busyPeriodBehind || !quietLongEnough || !intervalPassed)
        {
            return false;
        }

        lastRelease = now;
        reconcilesAtLastRelease = activity.ReconcilesCompleted;
        return true;
    }
}
