using System.Net;
using System.Text.Json.Nodes;
using IcOperator.Kube.Events;
using IcOperator.Kube.Tests.Fakes;

namespace IcOperator.Kube.Tests.Events;

public sealed class EventRecorderTests : IAsyncDisposable
{
    private const string Events = "events.k8s.io/v1/events";
    private readonly FakeCluster cluster = new();
    private readonly ManualClock clock = new();
    private readonly EventRecorder recorder;
    private readonly Widget widget;

    public EventRecorderTests()
    {
        recorder = new EventRecorder(cluster.Client, new EventRecorderOptions { ReportingController = "ic-operator.dev/widget", ReportingInstance = "op-0", Clock = clock });
        widget = cluster.Client.CreateAsync(Widget.Resource, Widget.New("counter", ns: "apps")).GetAwaiter().GetResult();
    }

    public async ValueTask DisposeAsync()
    {
        await recorder.DisposeAsync();
        cluster.Dispose();
    }

    private List<JsonObject> StoredEvents() =>
        cluster.Server.Requests.Where(r => r.Method == "POST" && r.PathAndQuery.Contains("/events")).Select(r => r.PathAndQuery.Split('/')[5])
            .Distinct().SelectMany(ns => ListIn(ns)).ToList();

    private IEnumerable<JsonObject> ListIn(string ns)
    {
        var list = cluster.Client.ListAsync(Kube.Resources.CoreResources.Events, ns).GetAwaiter().GetResult();
        return list.Items.Select(e => cluster.Server.Find(Events, ns, e.Metadata.Name!)!);
    }

    [Fact]
    public async Task An_event_is_written_in_the_objects_namespace_with_the_v1_fields()
    {
        recorder.Record(widget, EventTypes.Normal, "Upgraded", "Upgrade", "Upgraded counter from 1.0.0 to 1.1.0");
        await recorder.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(10));

        var ev = StoredEvents().Should().ContainSingle().Subject;
        ev["metadata"]!["namespace"]!.GetValue<string>().Should().Be("apps");
        ev["metadata"]!["name"]!.GetValue<string>().Should().StartWith("counter.");
        ev["reason"]!.GetValue<string>().Should().Be("Upgraded");
        ev["action"]!.GetValue<string>().Should().Be("Upgrade");
        ev["type"]!.GetValue<string>().Should().Be("Normal");
        ev["note"]!.GetValue<string>().Should().Be("Upgraded counter from 1.0.0 to 1.1.0");
        ev["reportingController"]!.GetValue<string>().Should().Be("ic-operator.dev/widget");
        ev["reportingInstance"]!.GetValue<string>().Should().Be("op-0");
        ev["eventTime"]!.GetValue<string>().Should().Be("2026-11-20T12:00:00.000000Z");
        ev["regarding"]!["kind"]!.GetValue<string>().Should().Be("Widget");
        ev["regarding"]!["uid"]!.GetValue<string>().Should().Be(widget.Metadata.Uid);
        ev["series"].Should().BeNull();
    }

    [Fact]
    public async Task Repeats_within_the_window_become_one_event_with_a_series_count()
    {
        for (var i = 0; i < 5; i++)
        {
            recorder.Record(widget, EventTypes.Warning, "HealthCheckFailed", "Verify", $"attempt {i}: health returned variant {{ err }}");
            clock.Advance(TimeSpan.FromSeconds(30));
        }

        await recorder.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(10));
        var ev = StoredEvents().Should().ContainSingle().Subject;
        ev["series"]!["count"]!.GetValue<int>().Should().Be(2, "becoming a series is written at once; later repeats wait for the refresh");

        recorder.RefreshSeries();
        await recorder.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(10));
        ev = StoredEvents().Single();
        ev["series"]!["count"]!.GetValue<int>().Should().Be(5);
        ev["series"]!["lastObservedTime"]!.GetValue<string>().Should().Be("2026-11-20T12:02:00.000000Z");
        cluster.Server.Requests.Count(r => r.Method == "POST").Should().Be(2, "the widget and one event");
    }

    [Fact]
    public async Task A_repeat_after_the_window_or_with_another_reason_is_a_new_event()
    {
        recorder.Record(widget, EventTypes.Normal, "Installed", "Install", "installed");
        recorder.Record(widget, EventTypes.Normal, "Snapshotted", "Snapshot", "snapshot taken");
        clock.Advance(TimeSpan.FromMinutes(7));
        recorder.Record(widget, EventTypes.Normal, "Installed", "Install", "installed");
        await recorder.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(10));

        StoredEvents().Select(e => e["reason"]!.GetValue<string>()).Should().BeEquivalentTo("Installed", "Snapshotted", "Installed");
        StoredEvents().Should().OnlyContain(e => e["series"] == null);
    }

    [Fact]
    public async Task New_events_walk_the_series_cache_only_once_a_series_can_have_ended()
    {
        for (var i = 0; i < 20; i++)
        {
            recorder.Record(widget, EventTypes.Normal, $"Step{i}", "Reconcile", "step");
        }

        recorder.ForgetWalks.Should().Be(0, "no series can end within the 6-minute window");

        clock.Advance(TimeSpan.FromMinutes(7));
        recorder.Record(widget, EventTypes.Normal, "Step0", "Reconcile", "step");
        recorder.Record(widget, EventTypes.Normal, "Step1", "Reconcile", "step");
        await recorder.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(10));

        recorder.ForgetWalks.Should().Be(1, "the first event after the window walks the cache, the next finds nothing due");
        StoredEvents().Should().HaveCount(22, "a repeat after the window is a new event");
        StoredEvents().Should().OnlyContain(e => e["series"] == null);
    }

    [Fact]
    public async Task The_spam_filter_allows_a_burst_of_25_per_object_then_one_per_five_minutes()
    {
        for (var i = 0; i < 30; i++)
        {
            recorder.Record(widget, EventTypes.Warning, $"Reason{i}", "Reconcile", "flood");
        }

        await recorder.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(10));
        StoredEvents().Should().HaveCount(25);
        recorder.Dropped.Should().Be(5);

        clock.Advance(TimeSpan.FromMinutes(5));
        recorder.Record(widget, EventTypes.Warning, "Later1", "Reconcile", "after refill");
        recorder.Record(widget, EventTypes.Warning, "Later2", "Reconcile", "too soon");
        await recorder.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(10));
        StoredEvents().Should().HaveCount(26);
        recorder.Dropped.Should().Be(6);
    }

    [Fact]
    public async Task A_failing_API_server_does_not_reach_the_caller_and_a_long_note_is_cut_to_1kB()
    {
        cluster.Server.InjectFault(r => r.Method == HttpMethod.Post ? FakeApiServer.StatusResponse(HttpStatusCode.InternalServerError, "InternalError", "etcd unavailable") : null);
        recorder.Record(widget, EventTypes.Warning, "Failed", "Install", "first");
        await recorder.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(10));
        StoredEvents().Should().BeEmpty();

        recorder.Record(widget, EventTypes.Warning, "TooLong", "Install", new string('é', 2000));
        await recorder.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(10));
        var note = StoredEvents().Single()["note"]!.GetValue<string>();
        System.Text.Encoding.UTF8.GetByteCount(note).Should().BeLessThanOrEqualTo(1024);
        note.Should().EndWith("…");
    }

    [Fact]
    public async Task A_series_whose_event_expired_on_the_server_is_written_again_whole()
    {
        recorder.Record(widget, EventTypes.Warning, "CyclesLow", "Monitor", "cycles below threshold");
        await recorder.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(10));
        var name = StoredEvents().Single()["metadata"]!["name"]!.GetValue<string>();
        cluster.Server.Remove(Events, "apps", name);

        clock.Advance(TimeSpan.FromMinutes(1));
        recorder.Record(widget, EventTypes.Warning, "CyclesLow", "Monitor", "cycles below threshold");
        await recorder.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(10));

        var ev = StoredEvents().Should().ContainSingle().Subject;
        ev["metadata"]!["name"]!.GetValue<string>().Should().Be(name);
        ev["series"]!["count"]!.GetValue<int>().Should().Be(2);
    }

    [Fact]
    public async Task A_series_written_again_after_its_event_expired_has_every_field_of_its_first_write_and_its_patches_only_the_series()
    {
        var related = await cluster.Client.CreateAsync(Widget.Resource, Widget.New("template", ns: "apps"));
        recorder.Record(widget, EventTypes.Warning, "InstallFailed", "Install", "install rejected: out of cycles", related);
        await recorder.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(10));
        var first = StoredEvents().Single();
        var name = first["metadata"]!["name"]!.GetValue<string>();

        // Repeats of the same event carry another resourceVersion of the object and another note: neither starts a new Event.
        clock.Advance(TimeSpan.FromMinutes(1));
        var changed = await cluster.Client.PatchAsync(Widget.Resource, "counter", "apps", Kube.Client.KubePatch.Merge("""{"metadata":{"labels":{"seen":"twice"}}}"""));
        changed.Metadata.ResourceVersion.Should().NotBe(widget.Metadata.ResourceVersion);
        recorder.Record(changed, EventTypes.Warning, "InstallFailed", "Install", "install rejected: out of cycles (again)", related);
        await recorder.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(10));
        var patch = cluster.Server.Requests.Should().ContainSingle(r => r.Method == "PATCH" && r.PathAndQuery.Contains("/events/")).Subject;
        JsonNode.Parse(patch.Body!)!.ToJsonString().Should().Be("""{"series":{"count":2,"lastObservedTime":"2026-11-20T12:01:00.000000Z"}}""");

        // The Event expires on the server (1 h TTL) while the series goes on: the next refresh writes it again whole.
        cluster.Server.Remove(Events, "apps", name);
        clock.Advance(TimeSpan.FromMinutes(1));
        recorder.Record(changed, EventTypes.Warning, "InstallFailed", "Install", "install rejected: out of cycles (again)", related);
        recorder.RefreshSeries();
        await recorder.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(10));

        var again = StoredEvents().Should().ContainSingle().Subject;
        again["series"]!.ToJsonString().Should().Be("""{"count":3,"lastObservedTime":"2026-11-20T12:02:00.000000Z"}""");
        foreach (var field in new[] { "eventTime", "reportingController", "reportingInstance", "action", "reason", "regarding", "related", "note", "type" })
        {
            JsonNode.DeepEquals(again[field], first[field]).Should().BeTrue($"{field} is written again as first written ({first[field]?.ToJsonString()}, found {again[field]?.ToJsonString()})");
        }

        again["metadata"]!["name"]!.GetValue<string>().Should().Be(name);
        again["regarding"]!["resourceVersion"]!.GetValue<string>().Should().Be(widget.Metadata.ResourceVersion);
        again["related"]!["name"]!.GetValue<string>().Should().Be("template");
        again["note"]!.GetValue<string>().Should().Be("install rejected: out of cycles");
    }

    [Fact]
    public void Only_Normal_and_Warning_are_event_types()
    {
        FluentActions.Invoking(() => recorder.Record(widget, "Error", "X", "Y", "z")).Should().Throw<ArgumentException>().WithMessage("*Normal or Warning*");
    }
}
