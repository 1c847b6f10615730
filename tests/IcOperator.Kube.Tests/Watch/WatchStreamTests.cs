using System.Text;
using System.Text.Json;
using IcOperator.Kube.Tests.Fakes;
using IcOperator.Kube.Watch;

namespace IcOperator.Kube.Tests.Watch;

public sealed class WatchStreamTests
{
    private const string Added = """{"type":"ADDED","object":{"apiVersion":"test.ic-operator.dev/v1","kind":"Widget","metadata":{"name":"w1","namespace":"default","resourceVersion":"11","generation":1},"spec":{"template":"basic","size":3}}}""";
    private const string Modified = """{"type":"MODIFIED","object":{"metadata":{"name":"w1","namespace":"default","resourceVersion":"12"},"spec":{"template":"tall","size":4},"status":{"phase":"Ready","health":"Degraded"}}}""";
    private const string Bookmark = """{"type":"BOOKMARK","object":{"kind":"Widget","apiVersion":"test.ic-operator.dev/v1","metadata":{"resourceVersion":"15","annotations":{"k8s.io/initial-events-end":"true"}}}}""";
    private const string Deleted = """{"type":"DELETED","object":{"metadata":{"name":"w1","namespace":"default","resourceVersion":"16"},"spec":{"template":"tall"}}}""";
    private const string Expired = """{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"too old resource version: 5 (12)","reason":"Expired","code":410}}""";

    private static async Task<List<WatchEvent<Widget>>> ReadAll(string text, int chunk)
    {
        await using var stream = new TrickleStream(Encoding.UTF8.GetBytes(text), chunk);
        var events = new List<WatchEvent<Widget>>();
        await foreach (var e in WatchStream.ReadAsync(stream, Widget.Resource, CancellationToken.None))
        {
            events.Add(e);
        }

        return events;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    public async Task Events_split_across_any_number_of_reads_decode_whole(int chunk)
    {
        var events = await ReadAll(string.Join('\n', Added, Modified, Bookmark, Deleted) + "\n", chunk);

        events.Select(e => e.Type).Should().Equal(WatchEventType.Added, WatchEventType.Modified, WatchEventType.Bookmark, WatchEventType.Deleted);
        events.Select(e => e.ResourceVersion).Should().Equal("11", "12", "15", "16");
        events[0].Object!.Spec.Size.Should().Be(3);
        events[1].Object!.Spec.Template.Should().Be("tall");
        events[1].Object!.Status!.Health.Should().Be(WidgetPhase.Degraded);
        events[1].Object!.Kind.Should().Be("Widget", "kind and apiVersion are filled in when the server leaves them out");
        events[1].Object!.ApiVersion.Should().Be("test.ic-operator.dev/v1");
    }

    [Fact]
    public async Task A_bookmark_carries_only_a_resource_version_even_when_the_type_has_required_members()
    {
        var events = await ReadAll(Bookmark + "\n", 4096);
        events.Should().ContainSingle().Which.Should().Match<WatchEvent<Widget>>(e => e.Type == WatchEventType.Bookmark && e.Object == null && e.ResourceVersion == "15");
    }

    [Fact]
    public async Task An_error_event_carries_the_expired_status()
    {
        var events = await ReadAll(Added + "\n" + Expired + "\n", 3);

        events.Should().HaveCount(2);
        events[1].Type.Should().Be(WatchEventType.Error);
        events[1].Status!.Code.Should().Be(410);
        events[1].Status!.Reason.Should().Be("Expired");
        events[1].Object.Should().BeNull();
    }

    [Fact]
    public async Task Blank_lines_and_crlf_are_ignored_and_a_last_line_without_newline_still_counts()
    {
        var events = await ReadAll("\r\n\n" + Added + "\r\n\n  \n" + Deleted, 5);
        events.Select(e => e.Type).Should().Equal(WatchEventType.Added, WatchEventType.Deleted);
    }

    [Fact]
    public async Task An_unknown_event_type_is_an_error_naming_it()
    {
        var act = () => ReadAll("""{"type":"RENAMED","object":{}}""" + "\n", 4096);
        (await act.Should().ThrowAsync<JsonException>()).WithMessage("*RENAMED*");
    }

    [Fact]
    public async Task A_truncated_line_is_an_error_not_a_silent_drop()
    {
        var act = () => ReadAll(Added[..40], 4096);
        await act.Should().ThrowAsync<JsonException>();
    }
}
