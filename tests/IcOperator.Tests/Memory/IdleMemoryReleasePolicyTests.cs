using IcOperator.Kube.Reconciliation;
using IcOperator.Memory;

namespace IcOperator.Tests.Memory;

public sealed class IdleMemoryReleasePolicyTests
{
    private const long MiB = 1024 * 1024;

    private static readonly IdleMemoryReleaseSettings Settings = new()
    {
        MinReconciles = 100,
        QuietPeriod = TimeSpan.FromSeconds(3),
        MinInterval = TimeSpan.FromMinutes(5),
        BusyInterval = TimeSpan.FromSeconds(5),
        MinBusyGrowthBytes = 16 * MiB,
    };

    private static readonly DateTimeOffset Start = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    private readonly IdleMemoryReleasePolicy policy = new(Settings);

    /// <summary>The GC heap's committed bytes the tests that are not about it report: steady.</summary>
    private const long HeapCommitted = 40 * MiB;

    private static ControllerActivity Idle(long completed) => new(completed, Queued: 0, InFlight: 0);

    private static ControllerActivity Busy(long completed) => new(completed, Queued: 100, InFlight: 64);

    /// <summary>Samples once a second from <paramref name="from"/> for <paramref name="seconds"/>; the seconds at which it released.</summary>
    private List<int> Sample(DateTimeOffset from, int seconds, Func<int, ControllerActivity> activityAt)
    {
        var released = new List<int>();
        for (var s = 0; s <= seconds; s++)
        {
            if (policy.ShouldRelease(from.AddSeconds(s), activityAt(s), HeapCommitted))
            {
                released.Add(s);
            }
        }

        return released;
    }

    /// <summary>
    /// Samples a busy period once a second from <see cref="Start"/> for <paramref name="seconds"/>; each release reports
    /// <paramref name="leftByRelease"/>, and the next sample's heap is <paramref name="next"/> of the heap now (what the
    /// release left, after one) and whether a release just ran. The seconds at which it released.
    /// </summary>
    private List<int> SampleBusy(int seconds, long heap, long leftByRelease, Func<long, bool, long> next)
    {
        var released = new List<int>();
        for (var s = 0; s <= seconds; s++)
        {
            var release = policy.ShouldRelease(Start.AddSeconds(s), Busy(s * 30), heap);
            if (release)
            {
                released.Add(s);
                policy.Released(leftByRelease);
            }

            heap = next(release ? leftByRelease : heap, release);
        }

        return released;
    }

    [Fact]
    public void After_a_burst_it_releases_once_the_controllers_have_been_idle_for_the_quiet_period()
    {
        // A burst of 500 reconciles for 10 s, then nothing queued or running.
        var released = Sample(Start, 30, s => s < 10 ? new ControllerActivity(s * 50, Queued: 40, InFlight: 8) : Idle(500));

        released.Should().Equal([13], "idle from 10 s, quiet for 3 s; once only");
    }

    [Fact]
    public void Nothing_is_released_while_work_is_queued_or_running()
    {
        var queued = Sample(Start, 60, s => new ControllerActivity(1_000 + s, Queued: 1, InFlight: 0));
        var running = Sample(Start, 60, s => new ControllerActivity(1_000 + s, Queued: 0, InFlight: 1));

        queued.Should().BeEmpty();
        running.Should().BeEmpty();
    }

    [Fact]
    public void A_reconcile_during_the_quiet_period_starts_it_again()
    {
        // Idle from 0 s, a reconcile running at 2 s: the quiet period restarts at 3 s and ends at 6 s.
        var released = Sample(Start, 10, s => s == 2 ? new ControllerActivity(200, 0, InFlight: 1) : Idle(200));

        released.Should().Equal([6]);
    }

    [Fact]
    public void Without_a_busy_period_behind_it_an_idle_operator_is_left_alone()
    {
        // 99 reconciles since start: under the threshold, however long it stays idle.
        Sample(Start, 3_600, _ => Idle(99)).Should().BeEmpty();
    }

    [Fact]
    public void Releases_are_at_least_the_minimum_interval_apart_and_each_needs_a_new_busy_period()
    {
        Sample(Start, 10, _ => Idle(500)).Should().Equal([3]);

        // Another 1,000 reconciles one minute later: busy again, but the last release was under 5 min ago.
        var soon = Start.AddMinutes(1);
        Sample(soon, 120, s => Idle(1_500)).Should().BeEmpty();

        // From 5 min after the first release, the busy period behind it counts.
        var later = Start.AddSeconds(3).AddMinutes(5);
        Sample(later, 10, _ => Idle(1_500)).Should().Equal([0]);

        // Then idle with no new work: nothing more, even long after the interval.
        Sample(later.AddMinutes(10), 600, _ => Idle(1_550)).Should().BeEmpty();
    }

    [Fact]
    public void During_a_long_busy_period_it_releases_each_busy_interval_while_the_heap_has_grown_enough()
    {
        // A fleet deploying for 30 s: the heap starts at 30 MiB and grows 4 MiB a second; a release takes it back to 30 MiB.
        var released = SampleBusy(30, heap: 30 * MiB, leftByRelease: 30 * MiB, next: (heap, _) => heap + (4 * MiB));

        // Busy for 5 s with 20 MiB grown at 5 s; each release leaves 30 MiB as the mark, and 5 s later the heap has grown
        // 20 MiB above it.
        released.Should().Equal([5, 10, 15, 20, 25, 30]);
    }

    [Fact]
    public void Growth_while_busy_is_measured_from_what_the_release_left_not_from_the_next_sample()
    {
        // A fleet deploying: a release leaves 20 MiB, and a second later the heap has refilled to 34 MiB, then holds 38.
        var released = SampleBusy(20, heap: 20 * MiB, leftByRelease: 20 * MiB, next: (_, justReleased) => justReleased ? 34 * MiB : 38 * MiB);

        // Measured from the 34 MiB of the sample after it, the heap would never seem to grow the 16 MiB again.
        released.Should().Equal([5, 10, 15, 20]);
    }

    [Fact]
    public void A_busy_operator_whose_heap_holds_steady_or_grows_little_is_left_alone()
    {
        // Resyncs of a fleet already Ready keep the controllers busy; the heap moves with the gen-0 budget only.
        Sample(Start, 600, s => Busy(s * 8)).Should().BeEmpty();

        var growing = new IdleMemoryReleasePolicy(Settings);
        var released = Enumerable.Range(0, 600).Where(s => growing.ShouldRelease(Start.AddSeconds(s), Busy(s * 8), HeapCommitted + (s % 2 == 0 ? 0 : 15 * MiB))).ToList();
        released.Should().BeEmpty("15 MiB is under the 16 MiB of growth a release while busy needs");
    }

    [Fact]
    public void Releases_while_busy_do_not_hold_back_the_release_once_the_burst_is_over()
    {
        // Busy for 10 s with the heap 20 MiB above where it started: one release at 5 s. Then 500 more reconciles and idle.
        var released = new List<int>();
        for (var s = 0; s <= 20; s++)
        {
            var busy = s < 10;
            var heap = busy && s > 0 && !released.Contains(5) ? HeapCommitted + (20 * MiB) : HeapCommitted;
            if (policy.ShouldRelease(Start.AddSeconds(s), busy ? Busy(s * 60) : Idle(600), heap))
            {
                released.Add(s);
            }
        }

        released.Should().Equal([5, 13], "the idle release keeps its own 5-minute interval");
    }
}
