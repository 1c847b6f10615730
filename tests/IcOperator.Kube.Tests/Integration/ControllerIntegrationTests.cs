using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using IcOperator.Kube.Client;
using IcOperator.Kube.LeaderElection;
using IcOperator.Kube.Reconciliation;
using IcOperator.Kube.Resources;
using IcOperator.Kube.Tests.Fakes;

namespace IcOperator.Kube.Tests.Integration;

public sealed class ControllerIntegrationTests
{
    [Fact]
    public async Task A_status_write_that_loses_a_race_is_retried_on_the_latest_object()
    {
        await using var cluster = await EmulatedCluster.StartAsync();
        using var client = cluster.NewClient();
        using var rival = cluster.NewClient("rival");
        await client.CreateAsync(Widget.Resource, Widget.New("w"));

        var stale = await client.GetAsync(Widget.Resource, "w", "default");
        await rival.PatchAsync(Widget.Resource, "w", "default", KubePatch.Merge(new JsonObject { ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["touched"] = "by-rival" } } }));
        stale.Status = new WidgetStatus { Phase = "Stale" };
        await FluentActions.Awaiting(() => client.PatchStatusFromAsync(Widget.Resource, stale, requireResourceVersion: true))
            .Should().ThrowAsync<KubeConflictException>();

        var attempts = 0;
        var written = await client.UpdateStatusAsync(Widget.Resource, new ObjectKey("default", "w"), w =>
        {
            if (attempts++ == 0)
            {
                // The rival writes between our read and our write, once.
                rival.PatchStatusAsync(Widget.Resource, "w", "default", KubePatch.Merge("""{"status":{"phase":"Rival"}}""")).GetAwaiter().GetResult();
            }

            w.Status = new WidgetStatus { Phase = "Ready", ObservedGeneration = w.Metadata.Generation };
        });

        attempts.Should().Be(2);
        written.Status!.Phase.Should().Be("Ready");
        written.Metadata.Labels.Should().Contain("touched", "by-rival");
        (await client.GetAsync(Widget.Resource, "w", "default")).Status!.ObservedGeneration.Should().Be(1);
    }

    [Fact]
    public async Task Listed_and_watched_objects_reach_the_cache_and_the_reconciler_without_managed_fields_and_status_writes_still_succeed()
    {
        await using var cluster = await EmulatedCluster.StartAsync();
        using var client = cluster.NewClient();
        await client.CreateAsync(Widget.Resource, Widget.New("listed"));
        (await client.GetAsync(Widget.Resource, "listed", "default")).Metadata.ManagedFields.Should().ContainSingle("the emulator records the create's field manager");

        var seen = new ConcurrentQueue<(string Name, bool HadManagedFields)>();
        var reconciler = new ScriptedReconciler<Widget>(async (w, ct) =>
        {
            seen.Enqueue((w.Metadata.Name!, w.Metadata.ManagedFields is not null));
            if (w.Status?.Phase != "Ready")
            {
                // Conditional on the cached resourceVersion, as the operator's status writes are.
                w.Status = new WidgetStatus { Phase = "Ready", ObservedGeneration = w.Metadata.Generation };
                await client.PatchStatusFromAsync(Widget.Resource, w, requireResourceVersion: true, ct);
            }

            return ReconcileResult.Done();
        });
        var host = new ControllerHost(client);
        host.AddController(Widget.Resource, reconciler, new ControllerOptions { Name = "widget" });
        var cache = host.Informer(Widget.Resource);
        using var stop = new CancellationTokenSource();
        var run = Task.Run(() => host.RunAsync(stop.Token));
        await cache.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));
        await client.CreateAsync(Widget.Resource, Widget.New("watched"));

        // Each status write comes back through the watch with the status manager's entry added on the server.
        await Eventually.TrueAsync(() => cache.List().Count(w => w.Status?.Phase == "Ready") == 2, "both Ready in the cache", TimeSpan.FromSeconds(20));
        foreach (var name in new[] { "listed", "watched" })
        {
            cache.Get(new ObjectKey("default", name))!.Metadata.ManagedFields.Should().BeNull(name);
            var stored = await client.GetAsync(Widget.Resource, name, "default");
            stored.Status!.Phase.Should().Be("Ready", name);
            stored.Metadata.ManagedFields.Should().Contain(f => f.Subresource == "status", "{0}: the server keeps its own bookkeeping", name);
        }

        seen.Select(s => s.Name).Should().Contain(["listed", "watched"]);
        seen.Should().OnlyContain(s => !s.HadManagedFields, "handlers are given the cached objects");
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task A_controller_reconciles_against_the_emulator_with_finalizers_and_owned_children()
    {
        const string Finalizer = "test.ic-operator.dev/cleanup";
        await using var cluster = await EmulatedCluster.StartAsync();
        using var client = cluster.NewClient();
        var reconciler = new ScriptedReconciler<Widget>(async (w, ct) =>
        {
            if (w.Metadata.DeletionTimestamp is not null)
            {
                await Finalizers.RemoveAsync(client, Widget.Resource, w, Finalizer, ct);
                return ReconcileResult.Done();
            }

            w = await Finalizers.EnsureAsync(client, Widget.Resource, w, Finalizer, ct);
            var child = new V1ConfigMap { Metadata = new V1ObjectMeta { Name = $"{w.Metadata.Name}-config", NamespaceProperty = w.Metadata.NamespaceProperty }, Data = new Dictionary<string, string> { ["size"] = w.Spec.Size.ToString() } };
            OwnerReferences.SetControllerReference(Widget.Resource, w, child);
            if (await client.TryGetAsync(CoreResources.ConfigMaps, child.Metadata.Name, child.Metadata.NamespaceProperty, ct) is null)
            {
                await client.CreateAsync(CoreResources.ConfigMaps, child, ct);
            }

            w.Status = new WidgetStatus { Phase = "Ready", ObservedGeneration = w.Metadata.Generation };
            await client.PatchStatusFromAsync(Widget.Resource, w, cancellationToken: ct);
            return ReconcileResult.Done();
        });
        var host = new ControllerHost(client);
        host.AddController(Widget.Resource, reconciler, new ControllerOptions { Name = "widget", MaxConcurrentReconciles = 2 }).Owns(CoreResources.ConfigMaps);
        using var stop = new CancellationTokenSource();
        var run = Task.Run(() => host.RunAsync(stop.Token));

        await client.CreateAsync(Widget.Resource, Widget.New("w1"));
        await Eventually.TrueAsync(() => client.GetAsync(Widget.Resource, "w1", "default").GetAwaiter().GetResult().Status?.Phase == "Ready", "w1 Ready", TimeSpan.FromSeconds(20));
        var configMap = await client.GetAsync(CoreResources.ConfigMaps, "w1-config", "default");
        OwnerReferences.ControllerOf(configMap)!.Name.Should().Be("w1");

        // Deleting the child brings the owner back to recreate it.
        await client.DeleteAsync(CoreResources.ConfigMaps, "w1-config", "default");
        await Eventually.TrueAsync(() => client.TryGetAsync(CoreResources.ConfigMaps, "w1-config", "default").GetAwaiter().GetResult() is not null, "child recreated", TimeSpan.FromSeconds(20));

        await client.DeleteAsync(Widget.Resource, "w1", "default");
        await Eventually.TrueAsync(() => reconciler.Deleted.Contains(new ObjectKey("default", "w1")), "finalizer removed, object gone", TimeSpan.FromSeconds(20));
        await Eventually.TrueAsync(() => client.TryGetAsync(CoreResources.ConfigMaps, "w1-config", "default").GetAwaiter().GetResult() is null, "child garbage-collected", TimeSpan.FromSeconds(20));

        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(20));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_second_host_takes_over_within_the_lease_duration_and_both_are_never_active(bool releaseOnStop)
    {
        // Real time with the client-go timings scaled down 5× (15/10/2 s → 3/2/0.4 s), keeping their ratios.
        var lease = TimeSpan.FromSeconds(3);
        var retry = TimeSpan.FromMilliseconds(400);
        await using var cluster = await EmulatedCluster.StartAsync();
        using var setup = cluster.NewClient();
        await setup.CreateAsync(Widget.Resource, Widget.New("w"));

        var active = 0;
        var bothActive = 0;
        var reconcilesBy = new ConcurrentDictionary<string, int>();
        (ControllerHost Host, IKubeClient Client) NewHost(string name)
        {
            var client = cluster.NewClient(name);
            var host = new ControllerHost(client, new ControllerHostOptions
            {
                LeaderElection = new LeaderElectionOptions
                {
                    LeaseName = "widgets",
                    LeaseNamespace = "default",
                    Identity = name,
                    LeaseDuration = lease,
                    RenewDeadline = TimeSpan.FromSeconds(2),
                    RetryPeriod = retry,
                    ReleaseOnCancel = releaseOnStop,
                },
            });
            host.AddController(Widget.Resource, new ScriptedReconciler<Widget>((_, _) =>
            {
                reconcilesBy.AddOrUpdate(name, 1, (_, n) => n + 1);
                return Task.FromResult(ReconcileResult.RequeueAfter(TimeSpan.FromMilliseconds(100)));
            }), new ControllerOptions { Name = "widget" });
            host.ActiveChanged += (_, isActive) =>
            {
                if (isActive && Interlocked.Increment(ref active) > 1)
                {
                    Interlocked.Increment(ref bothActive);
                }
                else if (!isActive)
                {
                    Interlocked.Decrement(ref active);
                }
            };
            return (host, client);
        }

        var (first, firstClient) = NewHost("host-a");
        var (second, secondClient) = NewHost("host-b");
        using var stopFirst = new CancellationTokenSource();
        using var stopSecond = new CancellationTokenSource();
        var runFirst = Task.Run(() => first.RunAsync(stopFirst.Token));
        await Eventually.TrueAsync(() => first.IsActive, "host-a leads", TimeSpan.FromSeconds(20));
        var runSecond = Task.Run(() => second.RunAsync(stopSecond.Token));
        await Eventually.TrueAsync(() => second.HasSynced, "host-b cache synced", TimeSpan.FromSeconds(20));

        // host-a renews and reconciles; host-b, campaigning, stays passive.
        var renewedAt = (await setup.GetAsync(CoreResources.Leases, "widgets", "default")).Spec!.RenewTime;
        await Eventually.TrueAsync(
            () => setup.GetAsync(CoreResources.Leases, "widgets", "default").GetAwaiter().GetResult().Spec!.RenewTime > renewedAt + retry && reconcilesBy.GetValueOrDefault("host-a") >= 5,
            "host-a renewed twice and reconciled repeatedly",
            TimeSpan.FromSeconds(20));
        second.IsActive.Should().BeFalse();
        reconcilesBy.GetValueOrDefault("host-b").Should().Be(0);

        await stopFirst.CancelAsync();
        await runFirst.WaitAsync(TimeSpan.FromSeconds(20));
        first.IsActive.Should().BeFalse();
        var sinceStop = System.Diagnostics.Stopwatch.StartNew();
        await Eventually.TrueAsync(() => second.IsActive, "host-b takes over", TimeSpan.FromSeconds(20));
        var takeover = sinceStop.Elapsed;

        // Slack of one second for scheduling on a loaded machine.
        takeover.Should().BeLessThanOrEqualTo(
            releaseOnStop ? (retry * 2.2) + TimeSpan.FromSeconds(1) : lease + (retry * 2.2) + TimeSpan.FromSeconds(1),
            "a released lease is taken at the next retry, an abandoned one once it has expired");
        if (!releaseOnStop)
        {
            takeover.Should().BeGreaterThanOrEqualTo(lease - retry - (retry * 2.2), "an abandoned lease is respected until it expires");
        }

        await Eventually.TrueAsync(() => reconcilesBy.GetValueOrDefault("host-b") > 0, "host-b reconciles", TimeSpan.FromSeconds(20));
        bothActive.Should().Be(0);

        await stopSecond.CancelAsync();
        await runSecond.WaitAsync(TimeSpan.FromSeconds(20));
        firstClient.Dispose();
        secondClient.Dispose();
    }
}
