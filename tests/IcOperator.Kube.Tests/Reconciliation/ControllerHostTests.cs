using System.Collections.Concurrent;
using IcOperator.Kube.Client;
using IcOperator.Kube.Queue;
using IcOperator.Kube.Reconciliation;
using IcOperator.Kube.Resources;
using IcOperator.Kube.Tests.Fakes;
using Microsoft.Extensions.Logging;

namespace IcOperator.Kube.Tests.Reconciliation;

public sealed class ControllerHostTests : IDisposable
{
    private readonly RecordingRuntimeMetrics metrics = new();
    private readonly FakeCluster cluster;
    private readonly ManualClock clock = new();
    private readonly CancellationTokenSource stop = new();

    public ControllerHostTests() => cluster = new FakeCluster(metrics);

    public void Dispose()
    {
        stop.Cancel();
        stop.Dispose();
        cluster.Dispose();
    }

    private ControllerHost NewHost(TimeSpan? shutdownTimeout = null) =>
        new(cluster.Client, new ControllerHostOptions { Clock = clock, Metrics = metrics, ShutdownTimeout = shutdownTimeout ?? TimeSpan.FromSeconds(30) });

    private async Task<Task> StartAsync(ControllerHost host)
    {
        var run = Task.Run(() => host.RunAsync(stop.Token));
        await Eventually.TrueAsync(() => host.IsActive || run.IsCompleted, "controllers active");
        if (run.IsFaulted)
        {
            await run;
        }

        return run;
    }

    /// <summary>Keys put on the controller's queue so far; timers promote keys synchronously inside clock.Advance.</summary>
    private int QueueAdds => metrics.Queue("widget").Adds;

    /// <summary>No key is being processed: every key handed out (queue latency observed) has been marked done (work duration observed).</summary>
    private bool QueueQuiescent()
    {
        var queue = metrics.Queue("widget");
        return queue.Taken == queue.Finished && queue.Depth == 0;
    }

    /// <summary>Advances the clock in steps, each only once the controller has finished what the last one released.</summary>
    private async Task AdvanceUntilAsync(TimeSpan step, Func<bool> condition, string what)
    {
        for (var i = 0; i < 10_000; i++)
        {
            await Eventually.TrueAsync(QueueQuiescent, "controller idle");
            if (condition())
            {
                return;
            }

            clock.Advance(step);
        }

        throw new TimeoutException(what);
    }

    private Task<Widget> CreateAsync(string name, string template = "basic") => cluster.Client.CreateAsync(Widget.Resource, Widget.New(name, template));

    [Fact]
    public async Task A_concurrency_limit_bounds_the_workers_reconciling_at_once_and_raising_it_lets_more_in()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        for (var i = 0; i < 5; i++)
        {
            await CreateAsync($"w{i}");
        }

        var reconciler = new ScriptedReconciler<Widget>(async (_, _) =>
        {
            await release.Task;
            return ReconcileResult.Done();
        });
        var limit = new ConcurrencyLimit(2);
        var host = NewHost();
        host.AddController(Widget.Resource, reconciler, Options(workers: 8) with { Concurrency = limit });
        await StartAsync(host);
        await Eventually.TrueAsync(() => reconciler.Calls.Count == 2, "two at once");

        // The other three are on the queue, yet no third worker takes one while two run.
        await Eventually.TrueAsync(() => metrics.Queue("widget").Depth == 3, "the other three wait on the queue");
        reconciler.MaxConcurrent.Should().Be(2);
        metrics.Queue("widget").Depth.Should().Be(3);

        limit.Set(4);
        await Eventually.TrueAsync(() => reconciler.Calls.Count == 4, "two more once the limit is raised");
        release.SetResult();
        await Eventually.TrueAsync(() => reconciler.Calls.Count == 5, "all reconciled");
        reconciler.MaxConcurrent.Should().Be(4);
    }

    [Fact]
    public async Task Activity_counts_queued_running_and_finished_reconciles_until_the_controller_is_idle()
    {
        var (release, reconciler) = await ThreeWidgetsHeldUntilReleasedAsync();
        var host = NewHost();
        host.AddController(Widget.Resource, reconciler, Options(workers: 1));
        host.Activity.Should().Be(new ControllerActivity(0, 0, 0), "nothing runs before the host starts");
        await StartAsync(host);

        await Eventually.TrueAsync(() => host.Activity == new ControllerActivity(0, 2, 1), "one running, two queued");
        host.Activity.IsIdle.Should().BeFalse();

        release.SetResult();
        await Eventually.TrueAsync(() => host.Activity.ReconcilesCompleted == 3, "all three finished");
        host.Activity.Should().Be(new ControllerActivity(3, 0, 0));
        host.Activity.IsIdle.Should().BeTrue();
    }

    [Fact]
    public async Task A_backlog_in_one_partition_holds_only_its_share_of_the_workers()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        for (var i = 0; i < 6; i++)
        {
            await CreateAsync($"slow{i}", template: "slow");
        }

        var slowRunning = 0;
        var mostSlowAtOnce = 0;
        var reconciler = new ScriptedReconciler<Widget>(async (w, _) =>
        {
            if (w.Spec.Template == "slow")
            {
                InterlockedMax(ref mostSlowAtOnce, Interlocked.Increment(ref slowRunning));
                await release.Task;
                Interlocked.Decrement(ref slowRunning);
            }

            return ReconcileResult.Done();
        });
        var host = NewHost();
        host.AddController(Widget.Resource, reconciler, Options(workers: 4)).LimitPerPartition(w => w.Spec.Template, _ => 2);
        await StartAsync(host);
        await Eventually.TrueAsync(() => reconciler.Calls.Count == 2, "two slow ones run");

        // Four workers, six slow objects held: without a share per partition all four would wait on them.
        await CreateAsync("fast0", template: "fast");
        await CreateAsync("fast1", template: "fast");
        await Eventually.TrueAsync(() => reconciler.CallsFor("default/fast0") == 1 && reconciler.CallsFor("default/fast1") == 1, "the fast ones go past the slow backlog");
        reconciler.Calls.Count(c => c.Key.StartsWith("default/slow", StringComparison.Ordinal)).Should().Be(2, "the slow backlog is still held");

        release.SetResult();
        await Eventually.TrueAsync(() => Enumerable.Range(0, 6).All(i => reconciler.CallsFor($"default/slow{i}") == 1), "each parked slow object is reconciled once its turn comes");
        reconciler.Calls.Should().HaveCount(8, "parking is no reconcile");
        Volatile.Read(ref mostSlowAtOnce).Should().Be(2);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    /// <summary>Three widgets, and a reconciler that holds each of them until the returned source is set.</summary>
    private async Task<(TaskCompletionSource Release, ScriptedReconciler<Widget> Reconciler)> ThreeWidgetsHeldUntilReleasedAsync()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        for (var i = 0; i < 3; i++)
        {
            await CreateAsync($"w{i}");
        }

        return (release, new ScriptedReconciler<Widget>(async (_, _) =>
        {
            await release.Task;
            return ReconcileResult.Done();
        }));
    }

    private static ControllerOptions Options(int workers = 1, bool onStatus = false) =>
        new() { Name = "widget", MaxConcurrentReconciles = workers, ReconcileOnStatusChange = onStatus, RateLimiter = new ExponentialFailureRateLimiter<ObjectKey>(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60)) };

    [Fact]
    public async Task Reconciles_existing_and_new_objects_once_each_when_they_converge()
    {
        await CreateAsync("a");
        var reconciler = new ScriptedReconciler<Widget>((_, _) => Task.FromResult(ReconcileResult.Done()));
        var host = NewHost();
        host.AddController(Widget.Resource, reconciler, Options());
        await StartAsync(host);

        await CreateAsync("b");
        await Eventually.TrueAsync(() => reconciler.CallsFor("default/a") == 1 && reconciler.CallsFor("default/b") == 1, "both reconciled");
        await Eventually.TrueAsync(() => metrics.ControllerRecordOf("widget").Count(ReconcileOutcome.Done) == 2, "success counted");
        reconciler.Calls.Should().HaveCount(2);
    }

    [Fact]
    public async Task A_status_only_change_is_skipped_unless_the_controller_asks_for_it_but_a_spec_change_is_not()
    {
        foreach (var onStatus in new[] { false, true })
        {
            var name = onStatus ? "with-status" : "without-status";
            var w = await CreateAsync(name);
            var reconciler = new ScriptedReconciler<Widget>((_, _) => Task.FromResult(ReconcileResult.Done()));
            using var localStop = new CancellationTokenSource();
            var host = NewHost();
            host.AddController(Widget.Resource, reconciler, Options(onStatus: onStatus));
            var run = Task.Run(() => host.RunAsync(localStop.Token));
            await Eventually.TrueAsync(() => reconciler.CallsFor($"default/{name}") == 1, "first reconcile");

            w.Status = new WidgetStatus { Phase = "Ready" };
            await cluster.Client.PatchStatusFromAsync(Widget.Resource, w);

            // One worker, events in order: once a widget created after the status write is reconciled, the
            // status write has been either delivered or skipped.
            var barrier = $"barrier-{name}";
            await CreateAsync(barrier);
            await Eventually.TrueAsync(() => reconciler.CallsFor($"default/{barrier}") == 1, "barrier reconciled");
            reconciler.CallsFor($"default/{name}").Should().Be(onStatus ? 2 : 1);

            w = await cluster.Client.GetAsync(Widget.Resource, name, "default");
            w.Spec.Size = 2;
            await cluster.Client.ReplaceAsync(Widget.Resource, w);
            await Eventually.TrueAsync(() => reconciler.Calls.Any(c => c.Key == $"default/{name}" && c.Generation == 2), "spec change reconciled");
            await localStop.CancelAsync();
            await run.WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    [Fact]
    public async Task RequeueAfter_fires_on_time_even_though_the_reconciler_wrote_status_meanwhile()
    {
        await CreateAsync("a");
        var reconciler = new ScriptedReconciler<Widget>(async (w, ct) =>
        {
            w.Status = new WidgetStatus { Phase = "Polling", ObservedGeneration = w.Metadata.Generation };
            await cluster.Client.PatchStatusFromAsync(Widget.Resource, w, cancellationToken: ct);
            return ReconcileResult.RequeueAfter(TimeSpan.FromMinutes(5));
        });
        var host = NewHost();
        host.AddController(Widget.Resource, reconciler, Options(onStatus: true));
        await StartAsync(host);

        // The status write comes back as an update and is reconciled at once (its own write is then a no-op);
        // the timed requeue stays pending through it.
        await Eventually.TrueAsync(() => reconciler.Calls.Count == 2, "reconcile plus the echo of its own status write");
        var adds = QueueAdds;

        clock.Advance(TimeSpan.FromMinutes(4));
        QueueAdds.Should().Be(adds, "nothing is due before five minutes");

        clock.Advance(TimeSpan.FromMinutes(1));
        QueueAdds.Should().Be(adds + 1, "the requeue fired at five minutes");
        await Eventually.TrueAsync(() => reconciler.Calls.Count == 3, "reconciled again");
    }

    [Fact]
    public async Task Errors_retry_with_growing_backoff_and_success_resets_it()
    {
        await CreateAsync("a");
        var failures = 3;
        var reconciler = new ScriptedReconciler<Widget>((_, _) =>
            Task.FromResult(Interlocked.Decrement(ref failures) >= 0 ? ReconcileResult.Error("IC unreachable") : ReconcileResult.Done()));
        var host = NewHost();
        host.AddController(Widget.Resource, reconciler, Options());
        await StartAsync(host);
        await Eventually.TrueAsync(() => reconciler.Calls.Count == 1, "first attempt");

        var times = new List<DateTimeOffset> { clock.GetUtcNow() };
        var start = clock.GetUtcNow();
        for (var attempt = 2; attempt <= 4; attempt++)
        {
            var expected = attempt;
            await AdvanceUntilAsync(TimeSpan.FromMilliseconds(250), () => reconciler.Calls.Count >= expected, $"attempt {expected}");
            times.Add(clock.GetUtcNow());
        }

        // Backoff of 1 s, 2 s, 4 s (within one clock step).
        var gaps = times.Zip(times.Skip(1), (a, b) => (b - a).TotalSeconds).ToList();
        gaps[0].Should().BeApproximately(1, 0.26);
        gaps[1].Should().BeApproximately(2, 0.26);
        gaps[2].Should().BeApproximately(4, 0.26);
        metrics.ControllerRecordOf("widget").Count(ReconcileOutcome.Error).Should().Be(3);

        var adds = QueueAdds;
        clock.Advance(TimeSpan.FromMinutes(30));
        QueueAdds.Should().Be(adds, "after success nothing is retried");
        reconciler.Calls.Count.Should().Be(4);
    }

    [Fact]
    public async Task A_terminal_error_is_not_retried_until_the_object_changes()
    {
        var w = await CreateAsync("a");
        var reconciler = new ScriptedReconciler<Widget>((obj, _) =>
            obj.Spec.Size < 2 ? throw new TerminalReconcileException("spec.size must be at least 2") : Task.FromResult(ReconcileResult.Done()));
        var host = NewHost();
        host.AddController(Widget.Resource, reconciler, Options());
        await StartAsync(host);
        await Eventually.TrueAsync(() => reconciler.Calls.Count == 1, "first attempt");

        await Eventually.TrueAsync(() => metrics.ControllerRecordOf("widget").Count(ReconcileOutcome.Terminal) == 1, "terminal counted");
        var adds = QueueAdds;
        clock.Advance(TimeSpan.FromHours(1));
        QueueAdds.Should().Be(adds, "a terminal error is not retried");
        reconciler.Calls.Count.Should().Be(1);

        w.Spec.Size = 3;
        await cluster.Client.ReplaceAsync(Widget.Resource, w);
        await Eventually.TrueAsync(() => reconciler.Calls.Count == 2, "reconciled after the fix");
    }

    [Fact]
    public async Task A_write_that_lost_a_race_is_retried_from_the_newer_version_and_logged_as_information_without_its_stack()
    {
        await CreateAsync("a");
        var reconciler = new ScriptedReconciler<Widget>(async (obj, ct) =>
        {
            obj.Status = new WidgetStatus { Phase = "Ready" };
            if (obj.Metadata.Labels?.ContainsKey("touched") != true)
            {
                // Another writer changes the object between this reconcile's read and its write.
                var other = await cluster.Client.GetAsync(Widget.Resource, "a", "default", ct);
                other.Metadata.Labels = new Dictionary<string, string> { ["touched"] = "yes" };
                await cluster.Client.ReplaceAsync(Widget.Resource, other, ct);
            }

            await cluster.Client.ReplaceStatusAsync(Widget.Resource, obj, ct);
            return ReconcileResult.Done();
        });
        var logs = new ListLoggerProvider();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        var host = new ControllerHost(cluster.Client, new ControllerHostOptions { Clock = clock, Metrics = metrics, LoggerFactory = loggers });
        host.AddController(Widget.Resource, reconciler, Options());
        await StartAsync(host);

        await Eventually.TrueWhileAdvancingAsync(clock, TimeSpan.FromMilliseconds(250), () => metrics.ControllerRecordOf("widget").Count(ReconcileOutcome.Done) == 1, "retried and done");
        var written = await cluster.Client.GetAsync(Widget.Resource, "a", "default");
        written.Status?.Phase.Should().Be("Ready", "the retry wrote its status over the newer version");
        written.Metadata.Labels.Should().ContainKey("touched");
        metrics.ControllerRecordOf("widget").Count(ReconcileOutcome.Error).Should().Be(1, "the lost race is counted as an error, as controller-runtime counts it");
        var controllerLines = logs.Messages.Where(m => m.StartsWith("IcOperator.Kube.Controller.widget ", StringComparison.Ordinal)).ToList();
        controllerLines.Should().ContainSingle(m => m.Contains("Information: Reconcile of widget default/a read an object that has changed since; retrying:", StringComparison.Ordinal));
        controllerLines.Should().NotContain(m => m.Contains("Error:", StringComparison.Ordinal) || m.Contains("Warning:", StringComparison.Ordinal) || m.Contains("Exception]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Owned_children_and_indexed_watches_reconcile_their_parents()
    {
        var owner = await CreateAsync("owner", template: "basic");
        await CreateAsync("other", template: "tall");
        var reconciler = new ScriptedReconciler<Widget>((_, _) => Task.FromResult(ReconcileResult.Done()));
        var host = NewHost();
        var widgets = host.Informer(Widget.Resource);
        widgets.AddIndex("template", x => [x.Spec.Template]);
        host.AddController(Widget.Resource, reconciler, Options())
            .Owns(CoreResources.ConfigMaps)
            .Watches(CoreResources.Secrets, s => widgets.ByIndex("template", s.Metadata.Labels?["template"] ?? string.Empty).Select(ObjectKey.Of));
        await StartAsync(host);
        await Eventually.TrueAsync(() => reconciler.Calls.Count == 2, "initial reconciles");

        var child = new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "owner-chunks", NamespaceProperty = "default" } };
        OwnerReferences.SetControllerReference(Widget.Resource, owner, child);
        await cluster.Client.CreateAsync(CoreResources.ConfigMaps, child);
        await Eventually.TrueAsync(() => reconciler.CallsFor("default/owner") == 2, "owner reconciled for its child");

        var secret = new V1Secret { Metadata = new V1ObjectMeta { Name = "cfg", NamespaceProperty = "default", Labels = new Dictionary<string, string>() { ["template"] = "tall" } } };
        await cluster.Client.CreateAsync(CoreResources.Secrets, secret);
        await Eventually.TrueAsync(() => reconciler.CallsFor("default/other") == 2, "indexed widget reconciled");
        reconciler.CallsFor("default/owner").Should().Be(2);
    }

    [Fact]
    public async Task Workers_reconcile_different_objects_in_parallel_but_never_one_object_twice()
    {
        var (release, reconciler) = await ThreeWidgetsHeldUntilReleasedAsync();
        var host = NewHost();
        host.AddController(Widget.Resource, reconciler, Options(workers: 3, onStatus: true));
        await StartAsync(host);
        await Eventually.TrueAsync(() => reconciler.Calls.Count == 3, "three at once");

        // Changes to w0 while it is being reconciled queue it behind itself.
        var w0 = await cluster.Client.GetAsync(Widget.Resource, "w0", "default");
        w0.Status = new WidgetStatus { Phase = "x" };
        await cluster.Client.PatchStatusFromAsync(Widget.Resource, w0);
        w0.Status.Phase = "y";
        await cluster.Client.PatchStatusFromAsync(Widget.Resource, w0);

        // The informer delivers events in order: once the barrier's add is counted, both w0 events were handled
        // (one add: the second merged into the first).
        await CreateAsync("barrier");
        await Eventually.TrueAsync(() => QueueAdds == 5, "3 initial adds, one merged add for w0, the barrier");
        reconciler.MaxConcurrent.Should().Be(3);

        release.SetResult();
        await Eventually.TrueAsync(() => reconciler.CallsFor("default/w0") == 2 && reconciler.CallsFor("default/barrier") == 1, "w0 again after the first finished");
        reconciler.MaxConcurrent.Should().Be(3);
        reconciler.CallsFor("default/w0").Should().Be(2);
    }

    [Fact]
    public async Task A_host_limited_to_a_namespace_lists_watches_and_reconciles_only_there()
    {
        await cluster.Client.CreateAsync(Widget.Resource, Widget.New("mine", ns: "apps"));
        await cluster.Client.CreateAsync(Widget.Resource, Widget.New("theirs", ns: "default"));
        var reconciler = new ScriptedReconciler<Widget>((_, _) => Task.FromResult(ReconcileResult.Done()));
        var host = new ControllerHost(cluster.Client, new ControllerHostOptions { Clock = clock, Metrics = metrics, Namespace = "apps" });
        host.AddController(Widget.Resource, reconciler, Options());
        await StartAsync(host);

        await cluster.Client.CreateAsync(Widget.Resource, Widget.New("mine-too", ns: "apps"));
        await cluster.Client.CreateAsync(Widget.Resource, Widget.New("theirs-too", ns: "default"));
        await Eventually.TrueAsync(() => reconciler.CallsFor("apps/mine-too") == 1, "new object in the namespace");

        reconciler.Calls.Select(c => c.Key).Should().BeEquivalentTo("apps/mine", "apps/mine-too");
        cluster.Server.Requests.Where(r => r.Method == "GET").Should().OnlyContain(r => r.PathAndQuery.Contains("/namespaces/apps/"));
    }

    [Fact]
    public async Task Stopping_cancels_reconciles_in_flight_and_returns()
    {
        await CreateAsync("a");
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reconciler = new ScriptedReconciler<Widget>(async (_, ct) =>
        {
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            }
            catch (OperationCanceledException)
            {
                cancelled.SetResult();
                throw;
            }

            return ReconcileResult.Done();
        });
        var host = NewHost();
        host.AddController(Widget.Resource, reconciler, Options());
        var run = await StartAsync(host);
        await Eventually.TrueAsync(() => reconciler.Calls.Count == 1, "reconcile running");

        await stop.CancelAsync();
        await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await run.WaitAsync(TimeSpan.FromSeconds(10));
        host.IsActive.Should().BeFalse();
    }

    [Fact]
    public async Task A_reconcile_that_ignores_cancellation_is_abandoned_after_the_shutdown_timeout()
    {
        await CreateAsync("a");
        var never = new TaskCompletionSource<ReconcileResult>();
        var reconciler = new ScriptedReconciler<Widget>((_, _) => never.Task);
        var host = NewHost(shutdownTimeout: TimeSpan.FromSeconds(5));
        host.AddController(Widget.Resource, reconciler, Options());
        var run = await StartAsync(host);
        await Eventually.TrueAsync(() => reconciler.Calls.Count == 1, "reconcile running");

        await stop.CancelAsync();
        await Eventually.TrueAsync(() => clock.ArmedTimers > 0, "shutdown timer armed");
        run.IsCompleted.Should().BeFalse();
        clock.Advance(TimeSpan.FromSeconds(5));
        await run.WaitAsync(TimeSpan.FromSeconds(10));
        never.SetResult(ReconcileResult.Done());
    }

    [Fact]
    public async Task Finalizers_hold_deletion_until_the_reconciler_removes_them_then_Deleted_is_called()
    {
        const string Finalizer = "test.ic-operator.dev/cleanup";
        await CreateAsync("a");
        var cleaned = new ConcurrentQueue<string>();
        var reconciler = new ScriptedReconciler<Widget>(async (w, ct) =>
        {
            if (w.Metadata.DeletionTimestamp is not null)
            {
                cleaned.Enqueue(w.Metadata.Name!);
                await Finalizers.RemoveAsync(cluster.Client, Widget.Resource, w, Finalizer, ct);
                return ReconcileResult.Done();
            }

            await Finalizers.EnsureAsync(cluster.Client, Widget.Resource, w, Finalizer, ct);
            return ReconcileResult.Done();
        });
        var host = NewHost();
        host.AddController(Widget.Resource, reconciler, Options());
        await StartAsync(host);
        await Eventually.TrueAsync(() => cluster.Server.Find("test.ic-operator.dev/v1/widgets", "default", "a")?["metadata"]?["finalizers"] is not null, "finalizer added");

        await cluster.Client.DeleteAsync(Widget.Resource, "a", "default");
        await Eventually.TrueAsync(() => reconciler.Deleted.Contains(new ObjectKey("default", "a")), "deleted after cleanup");

        // At least once: a key queued again while the cleanup ran is reconciled from the cache, which may not have seen
        // the deletion yet and still holds the object with its finalizer (as with controller-runtime, cleanups are idempotent).
        cleaned.Should().NotBeEmpty().And.OnlyContain(name => name == "a");
        cluster.Server.Find("test.ic-operator.dev/v1/widgets", "default", "a").Should().BeNull();
    }
}
