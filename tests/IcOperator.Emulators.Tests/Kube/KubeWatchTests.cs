using System.Net;
using System.Text.Json.Nodes;
using static IcOperator.Emulators.Tests.Kube.Manifests;

namespace IcOperator.Emulators.Tests.Kube;

public sealed class KubeWatchTests(KubeEmulatorFixture fixture) : IClassFixture<KubeEmulatorFixture>
{
    private KubeHttp Http => fixture.Http;

    private async Task<string> FreshNamespaceAsync(string name)
    {
        (await Http.PostAsync("/api/v1/namespaces", Namespace(name))).Status.Should().Be(HttpStatusCode.Created);
        return name;
    }

    private static string Name(JsonObject obj) => obj["metadata"]!["name"]!.GetValue<string>();

    private static string Version(JsonObject obj) => obj["metadata"]!["resourceVersion"]!.GetValue<string>();

    [Fact]
    public async Task A_watch_without_resource_version_lists_then_follows_changes_in_order()
    {
        var ns = await FreshNamespaceAsync("watch-live");
        await Http.PostAsync(Deployments(ns), CanisterDeployment("before"));
        await using var watch = await WatchReader.OpenAsync(Http, Deployments(ns) + "?watch=true");

        var initial = await watch.NextChangeAsync();
        initial.Type.Should().Be("ADDED");
        Name(initial.Object).Should().Be("before");
        initial.Object["kind"]!.GetValue<string>().Should().Be("CanisterDeployment");

        await Http.PostAsync(Deployments(ns), CanisterDeployment("after"));
        await Http.PatchAsync(Deployment(ns, "after"), """{"spec":{"suspend":true}}""", "application/merge-patch+json");
        await Http.DeleteAsync(Deployment(ns, "before"));

        var added = await watch.NextChangeAsync();
        var modified = await watch.NextChangeAsync();
        var deleted = await watch.NextChangeAsync();
        (added.Type, Name(added.Object)).Should().Be(("ADDED", "after"));
        (modified.Type, Name(modified.Object)).Should().Be(("MODIFIED", "after"));
        modified.Object["spec"]!["suspend"]!.GetValue<bool>().Should().BeTrue();
        (deleted.Type, Name(deleted.Object)).Should().Be(("DELETED", "before"));
        long.Parse(Version(deleted.Object)).Should().BeGreaterThan(long.Parse(Version(modified.Object)));
    }

    [Fact]
    public async Task A_watch_resumes_after_the_resource_version_it_was_given()
    {
        var ns = await FreshNamespaceAsync("watch-resume");
        var first = await Http.PostAsync(Deployments(ns), CanisterDeployment("one"));
        await Http.PostAsync(Deployments(ns), CanisterDeployment("two"));
        await Http.PatchAsync(Deployment(ns, "one"), """{"spec":{"suspend":true}}""", "application/merge-patch+json");

        await using var watch = await WatchReader.OpenAsync(Http, Deployments(ns) + "?watch=1&resourceVersion=" + first["metadata.resourceVersion"]);
        var a = await watch.NextChangeAsync();
        var b = await watch.NextChangeAsync();
        (a.Type, Name(a.Object)).Should().Be(("ADDED", "two"));
        (b.Type, Name(b.Object)).Should().Be(("MODIFIED", "one"));
    }

    [Fact]
    public async Task An_expired_resource_version_ends_the_watch_with_a_410_Expired_error_event()
    {
        var ns = await FreshNamespaceAsync("watch-expired");
        var first = await Http.PostAsync(Deployments(ns), CanisterDeployment("old"));
        for (var i = 0; i < 210; i++)
        {
            await Http.PostAsync("/api/v1/namespaces/" + ns + "/configmaps", ConfigMap($"churn-{i}"));
        }

        await using var watch = await WatchReader.OpenAsync(Http, Deployments(ns) + "?watch=true&resourceVersion=" + first["metadata.resourceVersion"]);
        var error = await watch.NextAsync();
        error!.Value.Type.Should().Be("ERROR");
        error.Value.Object["kind"]!.GetValue<string>().Should().Be("Status");
        error.Value.Object["code"]!.GetValue<int>().Should().Be(410);
        error.Value.Object["reason"]!.GetValue<string>().Should().Be("Expired");
        (await watch.NextAsync()).Should().BeNull("the stream ends after the error");

        var list = await Http.GetAsync(Deployments(ns) + "?limit=1");
        var relist = await WatchReader.OpenAsync(Http, Deployments(ns) + "?watch=true&resourceVersion=" + list["metadata.resourceVersion"]);
        await using (relist)
        {
            await Http.PostAsync(Deployments(ns), CanisterDeployment("new"));
            Name((await relist.NextChangeAsync()).Object).Should().Be("new");
        }
    }

    [Fact]
    public async Task Bookmarks_carry_a_resource_version_no_newer_than_the_events_sent()
    {
        var ns = await FreshNamespaceAsync("watch-bookmark");
        await using var watch = await WatchReader.OpenAsync(Http, Deployments(ns) + "?watch=true&allowWatchBookmarks=true&resourceVersion=" + fixture.Emulator.ResourceVersion);
        await Http.PostAsync(Deployments(ns), CanisterDeployment("marked"));

        var added = await watch.NextChangeAsync();
        (string Type, JsonObject Object)? bookmark = null;
        while (bookmark is null)
        {
            var next = await watch.NextAsync() ?? throw new InvalidOperationException("watch ended");
            bookmark = next.Type == "BOOKMARK" ? next : null;
        }

        bookmark.Value.Object["kind"]!.GetValue<string>().Should().Be("CanisterDeployment");
        long.Parse(Version(bookmark.Value.Object)).Should().BeGreaterThanOrEqualTo(long.Parse(Version(added.Object)));
    }

    [Fact]
    public async Task Selectors_turn_objects_entering_and_leaving_into_added_and_deleted()
    {
        var ns = await FreshNamespaceAsync("watch-selector");
        await using var watch = await WatchReader.OpenAsync(Http, Deployments(ns) + "?watch=true&labelSelector=stage%3Dlive&resourceVersion=" + fixture.Emulator.ResourceVersion);
        await Http.PostAsync(Deployments(ns), CanisterDeployment("moving"));
        await Http.PatchAsync(Deployment(ns, "moving"), """{"metadata":{"labels":{"stage":"live"}}}""", "application/merge-patch+json");
        await Http.PatchAsync(Deployment(ns, "moving"), """{"metadata":{"labels":{"stage":"retired"}}}""", "application/merge-patch+json");

        var entered = await watch.NextChangeAsync();
        var left = await watch.NextChangeAsync();
        entered.Type.Should().Be("ADDED");
        left.Type.Should().Be("DELETED");
        left.Object["metadata"]!["labels"]!["stage"]!.GetValue<string>().Should().Be("retired");
    }

    [Fact]
    public async Task Dropping_watches_and_timeouts_end_the_streams()
    {
        var ns = await FreshNamespaceAsync("watch-drop");
        await using var watch = await WatchReader.OpenAsync(Http, Deployments(ns) + "?watch=true&resourceVersion=" + fixture.Emulator.ResourceVersion);
        await Eventually.WaitAsync(() => Task.FromResult<object?>(fixture.Emulator.OpenWatches > 0 ? true : null), TimeSpan.FromSeconds(10), "the watch to open");

        fixture.Emulator.DropWatches().Should().BeGreaterThan(0);
        (await watch.NextAsync()).Should().BeNull();

        await using var timed = await WatchReader.OpenAsync(Http, Deployments(ns) + "?watch=true&timeoutSeconds=1&resourceVersion=" + fixture.Emulator.ResourceVersion);
        (await timed.NextAsync(TimeSpan.FromSeconds(10))).Should().BeNull("the server closes the stream after timeoutSeconds");
    }

    [Fact]
    public async Task Send_initial_events_ends_the_initial_list_with_an_annotated_bookmark()
    {
        var ns = await FreshNamespaceAsync("watch-initial");
        await Http.PostAsync(Deployments(ns), CanisterDeployment("present"));
        await using var watch = await WatchReader.OpenAsync(Http, Deployments(ns) + "?watch=true&sendInitialEvents=true&allowWatchBookmarks=true&resourceVersionMatch=NotOlderThan");

        (await watch.NextAsync())!.Value.Type.Should().Be("ADDED");
        var end = await watch.NextAsync();
        end!.Value.Type.Should().Be("BOOKMARK");
        end.Value.Object["metadata"]!["annotations"]!["k8s.io/initial-events-end"]!.GetValue<string>().Should().Be("true");
    }
}
