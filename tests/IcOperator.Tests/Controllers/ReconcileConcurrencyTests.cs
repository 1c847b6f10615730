using System.Security.Cryptography;
using System.Text;
using IcOperator.Agent.Identities;
using IcOperator.Api;
using IcOperator.Api.V1Alpha1;
using IcOperator.Controllers;
using IcOperator.Emulators.Ic;
using IcOperator.Emulators.Ic.Modules;
using IcOperator.Kube.Client;
using IcOperator.Kube.Resources;
using Microsoft.Extensions.Logging.Abstractions;

namespace IcOperator.Tests.Controllers;

/// <summary>--max-concurrent-reconciles auto: deployments reconciled at once follow the IcNetworks' limits.</summary>
public sealed class ReconcileConcurrencyTests : IAsyncLifetime, IDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly DirectoryInfo cache = Directory.CreateTempSubdirectory("concurrency-cache-");
    private KubeEnvironment kube = null!;
    private OperatorControllers controllers = null!;
    private readonly List<IcEmulator> emulators = [];
    private Task host = Task.CompletedTask;

    public async Task InitializeAsync()
    {
        kube = await KubeEnvironment.StartAsync();
        controllers = new OperatorControllers(kube.Client, Prometheus.Metrics.NewCustomRegistry(), NullLoggerFactory.Instance, cache.FullName);
        host = Task.Run(() => controllers.RunAsync(stop.Token));
    }

    public void Dispose() => stop.Dispose();

    public async Task DisposeAsync()
    {
        await stop.CancelAsync();
        await host;
        await controllers.DisposeAsync();
        foreach (var ic in emulators)
        {
            await ic.DisposeAsync();
        }

        await kube.DisposeAsync();
        cache.Delete(recursive: true);
    }

    [Fact]
    public async Task Auto_follows_the_networks_calls_in_flight_as_networks_come_change_and_go()
    {
        controllers.DeploymentConcurrency.Limit.Should().Be(OperatorControllers.ReconcilesFor([]), "no network yet");

        await CreateNetworkAsync("a", maxConcurrentCalls: 50);
        await CreateNetworkAsync("b", maxConcurrentCalls: 30);
        await EventuallyLimitAsync(160, "twice the 50 + 30 calls the two networks allow in flight");

        await kube.Client.PatchAsync(OperatorResources.IcNetworks, "a", "default", KubePatch.Merge(new System.Text.Json.Nodes.JsonObject
        {
            ["spec"] = new System.Text.Json.Nodes.JsonObject { ["limits"] = new System.Text.Json.Nodes.JsonObject { ["maxConcurrentCalls"] = 256 } },
        }));
        await EventuallyLimitAsync(572, "a network's new limit is followed");

        await kube.Client.DeleteAsync(OperatorResources.IcNetworks, "a", "default");
        await EventuallyLimitAsync(60, "a deleted network's calls no longer count");
    }

    [Fact]
    public void Auto_stays_between_its_least_and_most_whatever_the_networks_allow()
    {
        OperatorControllers.ReconcilesFor([]).Should().Be(8);
        OperatorControllers.ReconcilesFor([Network(1)]).Should().Be(8);
        OperatorControllers.ReconcilesFor([Network(256), Network(256), Network(256)]).Should().Be(OperatorControllers.MaxAutoReconciles);
    }

    [Fact]
    public async Task A_backlog_on_one_network_holds_only_its_share_and_another_networks_deployments_become_ready()
    {
        var slow = await StartIcAsync();
        var fast = await StartIcAsync();
        using var identity = Ed25519Identity.Generate();
        await kube.Client.CreateAsync(CoreResources.Secrets, new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "identity", NamespaceProperty = "default" },
            Data = new Dictionary<string, byte[]> { ["identity.pem"] = Encoding.UTF8.GetBytes(identity.ExportPkcs8Pem()) },
        });
        var module = new TestModuleBuilder().Build();
        await kube.Client.CreateAsync(OperatorResources.WasmTemplates, new WasmTemplate
        {
            Metadata = new V1ObjectMeta { Name = "app", NamespaceProperty = "default" },
            Spec = new WasmTemplateSpec { Versions = [new WasmVersion { Version = "1.0.0", Sha256 = Convert.ToHexStringLower(SHA256.HashData(module)), Source = new WasmSource { Inline = Convert.ToBase64String(module) } }] },
        });
        foreach (var (name, ic) in new[] { ("slow", slow), ("fast", fast) })
        {
            await kube.Client.CreateAsync(OperatorResources.IcNetworks, new IcNetwork
            {
                Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default" },
                Spec = new IcNetworkSpec
                {
                    Url = ic.Url.ToString(),
                    RootKey = "fetch",
                    Identity = new IdentitySource { SecretRef = new KeyReference { Name = "identity", Key = "identity.pem" } },
                    Limits = new NetworkLimits { MaxConcurrentCalls = 1 },
                    SharedChunkStore = false,
                },
            });
            await KubeEnvironment.EventuallyAsync(() => kube.Client.GetAsync(OperatorResources.IcNetworks, name, "default"), n => Has(n.Status?.Conditions, ConditionTypes.Ready));
        }

        // Every call to the slow network now waits minutes: its deployments hold whatever workers take them.
        slow.Faults.Latency = TimeSpan.FromMinutes(5);
        const int Backlog = 12;
        for (var i = 0; i < Backlog; i++)
        {
            await CreateDeploymentAsync($"slow-{i}", "slow");
        }

        await EventuallyStartedAsync("slow", Backlog, n => n == 2);
        controllers.DeploymentConcurrency.Limit.Should().Be(8, "twice the 1 + 1 calls in flight, at least 8: without a share per network all of them would wait on the slow one");
        await CreateDeploymentAsync("fast-0", "fast");
        await CreateDeploymentAsync("fast-1", "fast");

        foreach (var name in new[] { "fast-0", "fast-1" })
        {
            var ready = await KubeEnvironment.EventuallyAsync(() => kube.Client.GetAsync(OperatorResources.CanisterDeployments, name, "default"), d => Has(d.Status?.Conditions, ConditionTypes.Ready), TimeSpan.FromSeconds(60));
            ready.Status!.CanisterId.Should().NotBeNull();
        }

        fast.Counters.Calls("install_code").Should().Be(2);
        (await EventuallyStartedAsync("slow", Backlog, n => n == 2)).Should().Be(2, "the slow network's backlog still holds only its share: twice its 1 call in flight");
        slow.Counters.Calls("create_canister").Should().Be(0, "the slow network's calls are still held");
    }

    /// <summary>How many of the network's deployments a reconcile has begun (the first thing it does is add the finalizer).</summary>
    private Task<int> EventuallyStartedAsync(string network, int count, Func<int, bool> done) =>
        KubeEnvironment.EventuallyAsync(
            async () =>
            {
                var started = 0;
                for (var i = 0; i < count; i++)
                {
                    var d = await kube.Client.GetAsync(OperatorResources.CanisterDeployments, $"{network}-{i}", "default");
                    started += d.Metadata.Finalizers?.Count > 0 ? 1 : 0;
                }

                return started;
            },
            done);

    private static bool Has(List<Condition>? conditions, string type) => conditions?.Any(c => c.Type == type && c.Status == ConditionStatus.True) == true;

    private async Task<IcEmulator> StartIcAsync()
    {
        var ic = await IcEmulator.StartAsync();
        emulators.Add(ic);
        return ic;
    }

    private Task CreateDeploymentAsync(string name, string network) =>
        kube.Client.CreateAsync(OperatorResources.CanisterDeployments, new CanisterDeployment
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default" },
            Spec = new CanisterDeploymentSpec
            {
                NetworkRef = new LocalObjectReference { Name = network },
                Template = new TemplateVersionReference { Name = "app", Version = "1.0.0" },
            },
        });

    private async Task EventuallyLimitAsync(int expected, string because) =>
        (await KubeEnvironment.EventuallyAsync(() => Task.FromResult(controllers.DeploymentConcurrency.Limit), l => l == expected)).Should().Be(expected, because);

    private static IcNetwork Network(int maxConcurrentCalls) => new()
    {
        Metadata = new V1ObjectMeta { Name = "n", NamespaceProperty = "default" },
        Spec = new IcNetworkSpec { Limits = new NetworkLimits { MaxConcurrentCalls = maxConcurrentCalls } },
    };

    private Task CreateNetworkAsync(string name, int maxConcurrentCalls) =>
        kube.Client.CreateAsync(OperatorResources.IcNetworks, new IcNetwork
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default" },
            Spec = new IcNetworkSpec
            {
                Url = "http://127.0.0.1:1",
                RootKey = "fetch",
                Identity = new IdentitySource { SecretRef = new KeyReference { Name = "missing", Key = "identity.pem" } },
                Limits = new NetworkLimits { MaxConcurrentCalls = maxConcurrentCalls },
            },
        });
}
