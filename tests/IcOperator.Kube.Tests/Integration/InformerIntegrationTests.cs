using IcOperator.Kube.Client;
using IcOperator.Kube.Informers;
using IcOperator.Kube.Resources;
using IcOperator.Kube.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;

namespace IcOperator.Kube.Tests.Integration;

public sealed class InformerIntegrationTests
{
    private static Task<Widget> Create(IKubeClient client, string name, string template = "basic") =>
        client.CreateAsync(Widget.Resource, Widget.New(name, template));

    [Fact]
    public async Task Informer_syncs_over_TLS_from_the_kubeconfig_and_follows_changes()
    {
        await using var cluster = await EmulatedCluster.StartAsync();
        using var client = cluster.NewClient();
        await Create(client, "a", "basic");
        await Create(client, "b", "tall");
        using var stop = new CancellationTokenSource();
        var informer = new Informer<Widget>(client, Widget.Resource, null, null, TimeProvider.System, NullLogger.Instance);
        informer.AddIndex("template", w => [w.Spec.Template]);
        var run = Task.Run(() => informer.RunAsync(stop.Token));

        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));
        informer.List().Select(w => w.Metadata.Name).Should().BeEquivalentTo("a", "b");
        informer.ByIndex("template", "tall").Should().ContainSingle().Which.Metadata.Name.Should().Be("b");

        await Create(client, "c", "tall");
        await client.DeleteAsync(Widget.Resource, "a", "default");
        await Eventually.TrueAsync(() => informer.ByIndex("template", "tall").Count == 2 && informer.Get(new ObjectKey("default", "a")) is null, "watch delivered the create and the delete", TimeSpan.FromSeconds(20));

        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task A_forced_disconnect_resumes_the_watch_without_a_relist()
    {
        await using var cluster = await EmulatedCluster.StartAsync();
        using var client = cluster.NewClient();
        await Create(client, "a");
        using var stop = new CancellationTokenSource();
        var informer = new Informer<Widget>(client, Widget.Resource, null, null, TimeProvider.System, NullLogger.Instance);
        var seen = new List<string>();
        informer.AddHandler(e =>
        {
            lock (seen)
            {
                seen.Add($"{e.Type}:{e.Object.Metadata.Name}");
            }
        });
        var run = Task.Run(() => informer.RunAsync(stop.Token));
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));

        for (var i = 0; i < 3; i++)
        {
            await Eventually.TrueAsync(() => cluster.Emulator.OpenWatches == 1, "watching", TimeSpan.FromSeconds(20));
            cluster.Emulator.DropWatches();
            await Create(client, $"after-drop-{i}");
        }

        // Handlers run after the cache is updated, so the last one may still be on its way when the cache holds all four.
        await Eventually.TrueAsync(
            () =>
            {
                lock (seen)
                {
                    return informer.List().Count == 4 && seen.Count >= 4;
                }
            },
            "every object created across disconnects, cached and handled",
            TimeSpan.FromSeconds(20));
        informer.Reflector.ListCount.Should().Be(1, "each reconnect resumed from the last resourceVersion");
        informer.Reflector.WatchCount.Should().BeGreaterThanOrEqualTo(4);
        lock (seen)
        {
            seen.Should().Equal("Added:a", "Added:after-drop-0", "Added:after-drop-1", "Added:after-drop-2");
        }

        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task A_watch_from_an_expired_version_relists_and_catches_up()
    {
        await using var cluster = await EmulatedCluster.StartAsync(watchHistorySize: 5);
        using var client = cluster.NewClient();
        await Create(client, "a");
        await Create(client, "b");
        var clock = new ManualClock();
        using var stop = new CancellationTokenSource();
        var informer = new Informer<Widget>(client, Widget.Resource, null, null, clock, NullLogger.Instance);
        var run = Task.Run(() => informer.RunAsync(stop.Token));
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));
        await Eventually.TrueAsync(() => cluster.Emulator.OpenWatches == 1, "watching", TimeSpan.FromSeconds(20));

        // Cut the informer off: its next watch fails and it waits out its backoff on the manual clock.
        cluster.Emulator.Faults.InternalErrorShare = 1;
        cluster.Emulator.DropWatches();
        await Eventually.TrueAsync(() => clock.ArmedTimers > 0, "informer backing off", TimeSpan.FromSeconds(20));
        cluster.Emulator.Faults.Reset();

        // Meanwhile more changes than the watch history holds.
        using var other = cluster.NewClient("someone-else");
        await other.DeleteAsync(Widget.Resource, "b", "default");
        for (var i = 0; i < 8; i++)
        {
            await Create(other, $"n{i}");
        }

        await Eventually.TrueWhileAdvancingAsync(clock, TimeSpan.FromSeconds(1), () => informer.Reflector.ListCount == 2, "relisted after 410");
        await Eventually.TrueAsync(() => informer.List().Count == 9, "cache matches the cluster", TimeSpan.FromSeconds(20));
        informer.Get(new ObjectKey("default", "b")).Should().BeNull();
        informer.Get(new ObjectKey("default", "n7")).Should().NotBeNull();

        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(20));
    }
}
