using System.Net;
using IcOperator.Kube.Informers;
using IcOperator.Kube.Resources;
using IcOperator.Kube.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;

namespace IcOperator.Kube.Tests.Informers;

public sealed class InformerTests : IDisposable
{
    private readonly FakeCluster cluster = new();
    private readonly ManualClock clock = new();
    private readonly CancellationTokenSource stop = new();
    private readonly List<InformerEvent<Widget>> events = [];
    private readonly Informer<Widget> informer;

    public InformerTests()
    {
        informer = new Informer<Widget>(cluster.Client, Widget.Resource, null, null, clock, NullLogger.Instance, new Random(7));
        informer.AddIndex("template", w => [w.Spec.Template]);
        informer.AddHandler(e =>
        {
            lock (events)
            {
                events.Add(e);
            }
        });
    }

    public void Dispose()
    {
        stop.Cancel();
        stop.Dispose();
        cluster.Dispose();
    }

    private Task Start() => Task.Run(() => informer.RunAsync(stop.Token));

    private List<InformerEvent<Widget>> Events()
    {
        lock (events)
        {
            return [.. events];
        }
    }

    private Task CreateAsync(string name, string template = "basic") => cluster.Client.CreateAsync(Widget.Resource, Widget.New(name, template));

    [Fact]
    public async Task Lists_then_watches_and_keeps_the_cache_and_index_current()
    {
        await CreateAsync("a", "basic");
        await CreateAsync("b", "tall");
        _ = Start();
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        informer.HasSynced.Should().BeTrue();
        informer.List().Select(w => w.Metadata.Name).Should().BeEquivalentTo("a", "b");
        informer.ByIndex("template", "tall").Select(w => w.Metadata.Name).Should().Equal("b");

        await Eventually.TrueAsync(() => cluster.Server.ActiveWatchers == 1, "watch open");
        await CreateAsync("c", "tall");
        var b = KubeObjects.DeepCopy(Widget.Resource, informer.Get(new ObjectKey("default", "b"))!);
        b.Spec.Template = "basic";
        await cluster.Client.ReplaceAsync(Widget.Resource, b);
        await cluster.Client.DeleteAsync(Widget.Resource, "a", "default");

        await Eventually.TrueAsync(() => Events().Count == 5, "2 listed + added + updated + deleted");
        Events().Select(e => (e.Type, e.Object.Metadata.Name)).Should().Equal(
            (InformerEventType.Added, "a"), (InformerEventType.Added, "b"), (InformerEventType.Added, "c"), (InformerEventType.Updated, "b"), (InformerEventType.Deleted, "a"));
        Events()[3].OldObject!.Spec.Template.Should().Be("tall");
        informer.ByIndex("template", "tall").Select(w => w.Metadata.Name).Should().Equal("c");
        informer.ByIndex("template", "basic").Select(w => w.Metadata.Name).Should().Equal("b");
        informer.Get(new ObjectKey("default", "a")).Should().BeNull();
    }

    [Fact]
    public async Task A_dropped_watch_resumes_from_the_last_seen_version_without_listing_again()
    {
        await CreateAsync("a");
        _ = Start();
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        await Eventually.TrueAsync(() => cluster.Server.ActiveWatchers == 1, "watch open");
        await CreateAsync("b");
        await Eventually.TrueAsync(() => informer.List().Count == 2, "b seen");
        var lastSeen = informer.Get(new ObjectKey("default", "b"))!.Metadata.ResourceVersion;

        cluster.Server.DropWatches();
        await CreateAsync("c");

        await Eventually.TrueAsync(() => informer.List().Count == 3, "c seen after reconnect");
        informer.Reflector.ListCount.Should().Be(1);
        cluster.Server.Requests.Where(r => r.PathAndQuery.Contains("watch=true")).Last().PathAndQuery
            .Should().Contain($"resourceVersion={lastSeen}");
        Events().Count(e => e.Object.Metadata.Name == "c").Should().Be(1, "the event in the gap is delivered exactly once");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_expired_version_relists_and_reports_only_real_differences(bool asErrorEvent)
    {
        cluster.Server.ExpireAsErrorEvent = asErrorEvent;
        await CreateAsync("a");
        await CreateAsync("b");
        _ = Start();
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        await Eventually.TrueAsync(() => cluster.Server.ActiveWatchers == 1, "watch open");

        // While disconnected: b is deleted, d is created, and the history is compacted.
        cluster.Server.DropWatches();
        cluster.Server.InjectFault(r => r.RequestUri!.Query.Contains("watch=true") ? FakeApiServer.StatusResponse(HttpStatusCode.ServiceUnavailable, "ServiceUnavailable", "etcd leader changed") : null);
        await Eventually.TrueAsync(() => clock.ArmedTimers > 0, "reflector backing off");
        cluster.Server.Remove("test.ic-operator.dev/v1/widgets", "default", "b");
        await CreateAsync("d");
        cluster.Server.ExpireHistory();
        var before = Events().Count;

        await Eventually.TrueWhileAdvancingAsync(clock, TimeSpan.FromMilliseconds(200), () => informer.Reflector.ListCount == 2, "relisted");
        await Eventually.TrueAsync(() => informer.List().Count == 2, "cache replaced");

        informer.List().Select(w => w.Metadata.Name).Should().BeEquivalentTo("a", "d");
        Events().Skip(before).Select(e => (e.Type, e.Object.Metadata.Name)).Should().BeEquivalentTo(
            new[] { (InformerEventType.Added, "d"), (InformerEventType.Deleted, "b") },
            "a was unchanged, so the relist does not report it");
    }

    [Fact]
    public async Task Failed_lists_are_retried_after_backing_off()
    {
        for (var i = 0; i < 4; i++)
        {
            cluster.Server.InjectFault(_ => FakeApiServer.StatusResponse(HttpStatusCode.InternalServerError, "InternalError", "boom"));
        }

        _ = Start();
        var lists = new List<DateTimeOffset>();
        var start = clock.GetUtcNow();
        await Eventually.TrueWhileAdvancingAsync(clock, TimeSpan.FromMilliseconds(50), () => informer.HasSynced, "synced after failures", maxSteps: 2000);

        var gets = cluster.Server.Requests.Count(r => r.Method == "GET" && !r.PathAndQuery.Contains("watch"));
        gets.Should().Be(5);
        var elapsed = clock.GetUtcNow() - start;

        // 0.8 + 1.6 + 3.2 + 6.4 = 12 s before jitter (ReflectorBackoffTests pins the exact delays).
        elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(12));
    }

    [Fact]
    public async Task A_watch_that_closes_at_once_without_events_backs_off_instead_of_spinning()
    {
        _ = Start();
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        await Eventually.TrueAsync(() => cluster.Server.ActiveWatchers == 1, "watch open");

        cluster.Server.DropWatches();
        await Eventually.TrueAsync(() => clock.ArmedTimers == 1, "backing off");
        var watches = cluster.Server.WatchesStarted;
        clock.Advance(TimeSpan.FromMilliseconds(799));
        cluster.Server.WatchesStarted.Should().Be(watches, "no reconnect before 800 ms");

        await Eventually.TrueWhileAdvancingAsync(clock, TimeSpan.FromMilliseconds(100), () => cluster.Server.ActiveWatchers == 1, "watching again");
        informer.Reflector.ListCount.Should().Be(1);
    }

    [Fact]
    public async Task Cached_objects_keep_neither_managed_fields_nor_the_last_applied_copy_but_keep_other_annotations()
    {
        var listed = Heavy("listed");
        await cluster.Client.CreateAsync(Widget.Resource, listed);
        _ = Start();
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        await Eventually.TrueAsync(() => cluster.Server.ActiveWatchers == 1, "watch open");
        await cluster.Client.CreateAsync(Widget.Resource, Heavy("watched"));
        await Eventually.TrueAsync(() => informer.Get(new ObjectKey("default", "watched")) is not null, "watched object cached");

        foreach (var name in new[] { "listed", "watched" })
        {
            var cached = informer.Get(new ObjectKey("default", name))!;
            cached.Metadata.ManagedFields.Should().BeNull(name);
            cached.Metadata.Annotations.Should().Equal(new Dictionary<string, string> { ["ic-operator.dev/reconcile-requested-at"] = "now" }, name);
        }

        var stored = await cluster.Client.GetAsync(Widget.Resource, "listed", "default");
        stored.Metadata.ManagedFields.Should().ContainSingle("the server's copy is untouched");
        stored.Metadata.Annotations.Should().ContainKey("kubectl.kubernetes.io/last-applied-configuration");

        static Widget Heavy(string name)
        {
            var widget = Widget.New(name);
            widget.Metadata.ManagedFields = [new V1ManagedFieldsEntry { Manager = "kubectl", Operation = "Apply", ApiVersion = "test.ic-operator.dev/v1" }];
            widget.Metadata.Annotations = new Dictionary<string, string>
            {
                ["kubectl.kubernetes.io/last-applied-configuration"] = "{\"spec\":{\"template\":\"basic\"}}",
                ["ic-operator.dev/reconcile-requested-at"] = "now",
            };
            return widget;
        }
    }

    [Fact]
    public async Task A_handler_added_late_is_replayed_the_cached_objects()
    {
        await CreateAsync("a");
        await CreateAsync("b");
        _ = Start();
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        var late = new List<string>();
        using var registration = informer.AddHandler(e => late.Add($"{e.Type}:{e.Object.Metadata.Name}"));
        late.Should().BeEquivalentTo("Added:a", "Added:b");
    }

    [Fact]
    public async Task Reconnecting_many_times_leaves_no_response_open_and_no_growing_state()
    {
        await CreateAsync("a");
        _ = Start();
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        // Each watch gets a bookmark, as from a real server, then the connection drops.
        for (var i = 0; i < 300; i++)
        {
            await Eventually.TrueAsync(() => cluster.Server.ActiveWatchers == 1, $"watch {i} open");
            cluster.Server.SendBookmarks();
            cluster.Server.DropWatches();
        }

        await Eventually.TrueAsync(() => cluster.Server.ActiveWatchers == 1, "last watch open");
        var streams = cluster.Server.OpenWatchStreams;
        var armed = clock.ArmedTimers;

        streams.Should().Be(1, "every dropped watch's response was disposed");
        cluster.Server.ReachableWatchBodies().Should().BeLessThanOrEqualTo(2, "nothing holds on to the bodies of the 300 ended watches");
        armed.Should().Be(0, "no backoff timers are left behind");
        informer.Reflector.ListCount.Should().Be(1);
        informer.Reflector.WatchCount.Should().Be(301);
        informer.Reflector.LastSyncResourceVersion.Should().Be(cluster.Server.CurrentResourceVersion.ToString(), "each reconnect resumed from the last bookmark");
        informer.List().Should().HaveCount(1);
    }
}
