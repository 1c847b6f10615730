using System.Collections.Concurrent;
using IcOperator.Kube.Queue;
using IcOperator.Kube.Tests.Fakes;

namespace IcOperator.Kube.Tests.Queue;

public sealed class WorkQueueTests
{
    private readonly ManualClock clock = new();

    private WorkQueue<string> NewQueue(IRateLimiter<string>? limiter = null, RecordingRuntimeMetrics? metrics = null) =>
        new("test", limiter ?? RateLimiters.DefaultController<string>(clock), clock, metrics);

    [Fact]
    public async Task A_key_added_twice_before_it_is_taken_is_handed_out_once()
    {
        using var queue = NewQueue();
        queue.Add("a");
        queue.Add("b");
        queue.Add("a");

        queue.Count.Should().Be(2);
        (await queue.GetAsync()).Item.Should().Be("a");
        (await queue.GetAsync()).Item.Should().Be("b");
        queue.Count.Should().Be(0);
    }

    [Fact]
    public async Task A_key_added_while_processing_waits_until_done_and_runs_once_more()
    {
        using var queue = NewQueue();
        queue.Add("a");
        var (item, _) = await queue.GetAsync();

        queue.Add("a");
        queue.Add("a");
        queue.Count.Should().Be(0, "a key in process is not handed to a second worker");
        var second = queue.GetAsync();
        second.IsCompleted.Should().BeFalse();

        queue.Done(item);
        (await second.WaitAsync(TimeSpan.FromSeconds(5))).Item.Should().Be("a");
        queue.Count.Should().Be(0, "the adds during processing merged into one");
    }

    [Fact]
    public async Task Done_without_a_new_add_does_not_requeue()
    {
        using var queue = NewQueue();
        queue.Add("a");
        var (item, _) = await queue.GetAsync();
        queue.Done(item);
        queue.Count.Should().Be(0);
    }

    [Fact]
    public async Task Many_workers_never_process_the_same_key_at_once()
    {
        using var queue = new WorkQueue<string>("stress", new ExponentialFailureRateLimiter<string>(TimeSpan.Zero, TimeSpan.Zero), TimeProvider.System);
        var inProcess = new ConcurrentDictionary<string, int>();
        var overlaps = 0;
        var processed = 0;
        var workers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                var (key, shutdown) = await queue.GetAsync();
                if (shutdown)
                {
                    return;
                }

                if (inProcess.AddOrUpdate(key, 1, (_, n) => n + 1) > 1)
                {
                    Interlocked.Increment(ref overlaps);
                }

                await Task.Yield();
                inProcess.AddOrUpdate(key, 0, (_, n) => n - 1);
                Interlocked.Increment(ref processed);
                queue.Done(key);
            }
        })).ToArray();

        var producers = Enumerable.Range(0, 4).Select(p => Task.Run(() =>
        {
            for (var i = 0; i < 5_000; i++)
            {
                queue.Add($"key-{(i * 7 + p) % 10}");
            }
        })).ToArray();
        await Task.WhenAll(producers);
        await Eventually.TrueAsync(() => queue.Count == 0, "queue drained");
        queue.ShutDown();
        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(10));

        overlaps.Should().Be(0);
        processed.Should().BeGreaterThanOrEqualTo(10).And.BeLessThan(20_000, "adds of a queued key are deduplicated");
    }

    [Fact]
    public async Task AddAfter_hands_the_key_out_only_once_the_clock_reaches_its_time()
    {
        using var queue = NewQueue();
        queue.AddAfter("a", TimeSpan.FromSeconds(30));
        var get = queue.GetAsync();

        clock.Advance(TimeSpan.FromSeconds(29));
        get.IsCompleted.Should().BeFalse();
        queue.DelayedCount.Should().Be(1);

        clock.Advance(TimeSpan.FromSeconds(1));
        (await get.WaitAsync(TimeSpan.FromSeconds(5))).Item.Should().Be("a");
        queue.DelayedCount.Should().Be(0);
    }

    [Fact]
    public async Task An_earlier_AddAfter_replaces_a_later_one_and_a_later_one_is_ignored()
    {
        using var queue = NewQueue();
        queue.AddAfter("a", TimeSpan.FromSeconds(60));
        queue.AddAfter("a", TimeSpan.FromSeconds(10));
        queue.AddAfter("a", TimeSpan.FromSeconds(45));

        clock.Advance(TimeSpan.FromSeconds(10));
        queue.Count.Should().Be(1);
        var (item, _) = await queue.GetAsync();
        queue.Done(item);

        clock.Advance(TimeSpan.FromSeconds(60));
        queue.Count.Should().Be(0, "the 45 s and 60 s entries were superseded by the 10 s one");
    }

    [Fact]
    public async Task A_pending_requeue_after_survives_an_add_and_processing_in_between()
    {
        using var queue = NewQueue();
        queue.AddAfter("a", TimeSpan.FromMinutes(5));

        // A status write by the controller arrives as an add: processed now, the timed requeue stays.
        queue.Add("a");
        var (item, _) = await queue.GetAsync();
        queue.Done(item);
        queue.Count.Should().Be(0);

        clock.Advance(TimeSpan.FromMinutes(5));
        queue.Count.Should().Be(1);
        (await queue.GetAsync()).Item.Should().Be("a");
    }

    [Fact]
    public async Task Rate_limited_adds_back_off_exponentially_per_key_and_Forget_resets()
    {
        using var queue = NewQueue(new ExponentialFailureRateLimiter<string>(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1000)));
        var delays = new List<TimeSpan>();
        for (var i = 0; i < 5; i++)
        {
            queue.AddRateLimited("a");
            var waited = TimeSpan.Zero;
            while (queue.Count == 0)
            {
                clock.Advance(TimeSpan.FromMilliseconds(1));
                waited += TimeSpan.FromMilliseconds(1);
            }

            delays.Add(waited);
            var (item, _) = await queue.GetAsync();
            queue.Done(item);
        }

        delays.Select(d => d.TotalMilliseconds).Should().Equal(5, 10, 20, 40, 80);
        queue.NumRequeues("a").Should().Be(5);
        queue.NumRequeues("b").Should().Be(0);

        queue.Forget("a");
        queue.NumRequeues("a").Should().Be(0);
    }

    [Fact]
    public async Task Shutdown_wakes_waiting_workers_and_refuses_new_keys()
    {
        using var queue = NewQueue();
        var waiting = queue.GetAsync();
        queue.ShutDown();

        (await waiting.WaitAsync(TimeSpan.FromSeconds(5))).Shutdown.Should().BeTrue();
        queue.Add("a");
        queue.Count.Should().Be(0);
        (await queue.GetAsync()).Shutdown.Should().BeTrue();
    }

    [Fact]
    public async Task A_cancelled_wait_does_not_swallow_the_next_key()
    {
        using var queue = NewQueue();
        using var cancel = new CancellationTokenSource();
        var abandoned = queue.GetAsync(cancel.Token);
        await cancel.CancelAsync();
        await FluentActions.Awaiting(() => abandoned).Should().ThrowAsync<OperationCanceledException>();

        queue.Add("a");
        (await queue.GetAsync().WaitAsync(TimeSpan.FromSeconds(5))).Item.Should().Be("a");
    }

    [Fact]
    public async Task Queue_metrics_count_adds_depth_and_retries()
    {
        var metrics = new RecordingRuntimeMetrics();
        using var queue = NewQueue(metrics: metrics);
        queue.Add("a");
        queue.Add("b");
        queue.Add("a");
        queue.AddRateLimited("c");

        var reported = metrics.Queue("test");
        reported.Adds.Should().Be(2);
        reported.Depth.Should().Be(2);
        reported.Retries.Should().Be(1);

        clock.Advance(TimeSpan.FromSeconds(2));
        var (item, _) = await queue.GetAsync();
        item.Should().Be("a");
        reported.Taken.Should().Be(1);
        reported.TotalWait.Should().Be(TimeSpan.FromSeconds(2));
    }
}
