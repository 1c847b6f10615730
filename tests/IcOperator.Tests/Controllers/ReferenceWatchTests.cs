using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IcOperator.Agent.Identities;
using IcOperator.Api;
using IcOperator.Api.V1Alpha1;
using IcOperator.Controllers;
using IcOperator.Emulators.Ic;
using IcOperator.Emulators.Ic.Modules;
using IcOperator.Kube.Client;
using IcOperator.Kube.Events;
using IcOperator.Kube.Reconciliation;
using IcOperator.Kube.Resources;
using IcOperator.Observability;
using IcOperator.Wasm;
using k8s;
using Microsoft.Extensions.Logging.Abstractions;
using Prometheus;

namespace IcOperator.Tests.Controllers;

/// <summary>
/// A deployment waiting for an object it references is woken by a watch on that object, reads it from the
/// informer cache, and writes no status that did not change: the Kubernetes API emulator counts every request.
/// </summary>
public sealed class ReferenceWatchTests : IAsyncLifetime
{
    private static readonly string[] Referenced = ["wasmtemplates", "icnetworks", "secrets"];
    private readonly CancellationTokenSource stop = new();
    private readonly DirectoryInfo cache = Directory.CreateTempSubdirectory("watch-cache-");
    private readonly CollectorRegistry registry = Metrics.NewCustomRegistry();
    private KubeEnvironment kube = null!;
    private IcEmulator ic = null!;
    private OperatorControllers controllers = null!;
    private Task host = Task.CompletedTask;

    public async Task InitializeAsync()
    {
        kube = await KubeEnvironment.StartAsync();
        ic = await IcEmulator.StartAsync();
        controllers = new OperatorControllers(kube.Client, registry, NullLoggerFactory.Instance, cache.FullName);
        host = Task.Run(() => controllers.RunAsync(stop.Token));
        using var identity = Ed25519Identity.Generate();
        await kube.Client.CreateAsync(CoreResources.Secrets, new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "identity", NamespaceProperty = "default" },
            Data = new Dictionary<string, byte[]> { ["identity.pem"] = Encoding.UTF8.GetBytes(identity.ExportPkcs8Pem()) },
        });
        await kube.Client.CreateAsync(OperatorResources.IcNetworks, new IcNetwork
        {
            Metadata = new V1ObjectMeta { Name = "local", NamespaceProperty = "default" },
            Spec = new IcNetworkSpec
            {
                Url = ic.Url.ToString(),
                RootKey = "fetch",
                Identity = new IdentitySource { SecretRef = new KeyReference { Name = "identity", Key = "identity.pem" } },
            },
        });
        await KubeEnvironment.EventuallyAsync(
            () => kube.Client.GetAsync(OperatorResources.IcNetworks, "local", "default"),
            n => n.Status?.Conditions.Any(c => c.Type == ConditionTypes.Ready && c.Status == ConditionStatus.True) == true

                // The shared store is created once the network is Ready; its status write wakes the deployments, so wait for it.
                && n.Status.ChunkStores?.Any(s => s.CanisterId is not null) == true);
    }

    public async Task DisposeAsync()
    {
        await stop.CancelAsync();
        await host;
        await controllers.DisposeAsync();
        await ic.DisposeAsync();
        await kube.DisposeAsync();
        stop.Dispose();
        cache.Delete(recursive: true);
    }

    [Fact]
    public async Task A_deployment_waiting_for_its_template_is_woken_by_the_template_not_by_polling()
    {
        await kube.Client.CreateAsync(OperatorResources.CanisterDeployments, new CanisterDeployment
        {
            Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "default" },
            Spec = new CanisterDeploymentSpec
            {
                NetworkRef = new LocalObjectReference { Name = "local" },
                Template = new TemplateVersionReference { Name = "app", Version = "1.0.0" },
                Install = new InstallOptions { Arg = "(\"hello\")" },
            },
        });
        var waiting = await WaitForDeployment(d => d.Status?.Conditions.Any(c => c.Type == ConditionTypes.Ready && c.Reason == CanisterDeploymentReasons.TemplateNotFound) == true);
        waiting.Status!.CanisterId.Should().BeNull();
        var reconcilesBefore = await SettledReconcilesAsync();
        kube.Emulator.Requests.Reset();

        // The observation window: before, a waiting deployment was read again every second (and read its template with a GET).
        await Task.Delay(TimeSpan.FromSeconds(3));
        (await ReconcilesAsync(CanisterDeploymentController.ControllerName)).Should().Be(reconcilesBefore, "nothing it references changed, so nothing woke it");

        var module = new TestModuleBuilder().WithCandidService("service : (text) -> { get : () -> (text) query }").WithQuery("get", "(\"hi\")").Build();
        await kube.Client.CreateAsync(OperatorResources.WasmTemplates, new WasmTemplate
        {
            Metadata = new V1ObjectMeta { Name = "app", NamespaceProperty = "default" },
            Spec = new WasmTemplateSpec
            {
                Versions = [new WasmVersion { Version = "1.0.0", Sha256 = Convert.ToHexStringLower(SHA256.HashData(module)), Source = new WasmSource { Inline = Convert.ToBase64String(module) } }],
            },
        });
        var ready = await WaitForDeployment(d => d.Status?.Conditions.Any(c => c.Type == ConditionTypes.Ready && c.Status == ConditionStatus.True) == true);
        ready.Status!.Version.Should().Be("1.0.0");

        foreach (var resource in Referenced)
        {
            kube.Emulator.Requests["get", resource].Should().Be(0, $"{resource} are read from the informer cache");
            kube.Emulator.Requests["list", resource].Should().Be(0, $"{resource} are kept current by a watch, not listed again");
        }
    }

    [Fact]
    public async Task A_reconcile_that_changes_nothing_sends_no_status_patch()
    {
        await DeployReadyAsync();
        var reconcilesBefore = await SettledReconcilesAsync();
        var settled = await kube.Client.GetAsync(OperatorResources.CanisterDeployments, "web", "default");
        kube.Emulator.Requests.Reset();
        var statusReadsBefore = ic.Counters.Calls("canister_status");

        // A change to metadata only: the deployment is reconciled, finds its inputs unchanged since it was found in sync,
        // so it neither reads the canister again nor writes its status.
        await kube.Client.PatchAsync(OperatorResources.CanisterDeployments, "web", "default", KubePatch.Merge(new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { ["team"] = "payments" } } }));
        await KubeEnvironment.EventuallyAsync(() => ReconcilesAsync(CanisterDeploymentController.ControllerName), n => n > reconcilesBefore);

        ic.Counters.Calls("canister_status").Should().Be(statusReadsBefore, "nothing the deployment depends on changed");
        var after = await kube.Client.GetAsync(OperatorResources.CanisterDeployments, "web", "default");
        JsonSerializer.Serialize(after.Status!, OperatorJsonContext.Default.CanisterDeploymentStatus)
            .Should().Be(JsonSerializer.Serialize(settled.Status!, OperatorJsonContext.Default.CanisterDeploymentStatus), "a few cycles burnt are not a status change");
        kube.Emulator.Requests["patch", "canisterdeployments/status"].Should().Be(0);
        kube.Emulator.Requests.Total("patch").Should().Be(1, "the only patch is the annotation this test sent");
    }

    [Fact]
    public async Task A_resync_that_reads_the_canister_and_finds_nothing_changed_writes_nothing_to_kubernetes()
    {
        await DeployReadyAsync();
        await SettledReconcilesAsync();
        // The first read after the install may still record what the install changed (the memory size).
        await ResyncWithFreshControllerAsync();
        await SettledReconcilesAsync();
        var settled = await kube.Client.GetAsync(OperatorResources.CanisterDeployments, "web", "default");
        kube.Emulator.Requests.Reset();
        var statusReadsBefore = ic.Counters.Calls("canister_status");

        // A controller that has not seen the deployment in sync (as after the resync interval, or a restart) reads the canister.
        await ResyncWithFreshControllerAsync();

        ic.Counters.Calls("canister_status").Should().Be(statusReadsBefore + 1, "a resync reads the canister once");
        foreach (var verb in new[] { "create", "update", "patch", "delete" })
        {
            kube.Emulator.Requests.Total(verb).Should().Be(0, $"nothing changed, so nothing is written ({verb})");
        }

        var after = await kube.Client.GetAsync(OperatorResources.CanisterDeployments, "web", "default");
        after.Metadata.ResourceVersion.Should().Be(settled.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task A_package_reads_its_dependencies_components_and_itself_from_the_caches()
    {
        await kube.Client.CreateAsync(OperatorResources.WasmTemplates, new WasmTemplate
        {
            Metadata = new V1ObjectMeta { Name = "part", NamespaceProperty = "default" },
            Spec = new WasmTemplateSpec
            {
                Versions = [new WasmVersion { Version = "1.0.0", Sha256 = PackageScenario.Sha(PackageScenario.V1), Source = new WasmSource { Inline = Convert.ToBase64String(PackageScenario.V1) } }],
            },
        });
        kube.Emulator.Requests.Reset();

        await kube.Client.CreateAsync(OperatorResources.PackageInstallations, PackageScenario.Package("shop", "2vxsx-fae", [PackageScenario.Component("a", "1.0.0", "(\"hello ${user}\")")]));
        // Watched through the operator's own cache: a GET from this test would count against the operator.
        var cached = controllers.Host.Informer(OperatorResources.PackageInstallations);
        var ready = await KubeEnvironment.EventuallyAsync(
            () => Task.FromResult(cached.Get(new ObjectKey("default", "shop"))), p => p is not null && PackageScenario.Has(p, ConditionTypes.Ready), TimeSpan.FromSeconds(60));

        ready!.Status!.Components.Should().ContainSingle(c => c.Name == "a" && c.CanisterId != null, "the component was created, installed and found through the cache");
        kube.Emulator.Requests["list", "packageinstallations"].Should().Be(0, "a package's dependencies come from the informer cache");
        kube.Emulator.Requests["list", "canisterdeployments"].Should().Be(0, "a package's component deployments come from the informer cache");
        kube.Emulator.Requests["get", "packageinstallations"].Should().Be(0, "a step waits for the package's own last write in the cache, not by a GET");
        kube.Emulator.Requests["get", "canisterdeployments"].Should().Be(0, "the package is woken by the watch on its components, not by reading them");
    }

    [Fact]
    public async Task A_network_or_template_status_write_wakes_only_the_deployments_it_changes_something_for()
    {
        string[] names = ["web-0", "web-1", "web-2"];
        await DeployReadyAsync(names);
        var reconcilesBefore = await SettledReconcilesAsync();
        var addsBefore = await MetricAsync($"workqueue_adds_total{{name=\"{CanisterDeploymentController.ControllerName}\"}}");

        // Writes of the kind the network and template controllers make all the time: a version the store holds, another version's verification.
        var network = await kube.Client.GetAsync(OperatorResources.IcNetworks, "local", "default");
        var stores = network.Status!.ChunkStores.Select((s, i) => i > 0 ? s : s with { Versions = [.. s.Versions ?? [], new StoredVersion { Template = "other", Version = "9.0.0", Sha256 = new string('a', 64), Chunks = 1 }] }).ToList();
        var networkWrite = await kube.Client.PatchStatusAsync(OperatorResources.IcNetworks, "local", "default", StatusPatch.Between(network.Status, network.Status with { ChunkStores = stores }, OperatorJsonContext.Default.IcNetworkStatus));
        await SeenByTheOperatorAsync(OperatorResources.IcNetworks, networkWrite);
        var template = await kube.Client.GetAsync(OperatorResources.WasmTemplates, "app", "default");
        var templateStatus = template.Status! with { Versions = [.. template.Status!.Versions, new WasmVersionStatus { Version = "2.0.0", Phase = WasmVersionPhase.Pending }] };
        var templateWrite = await kube.Client.PatchStatusAsync(OperatorResources.WasmTemplates, "app", "default", StatusPatch.Between(template.Status, templateStatus, OperatorJsonContext.Default.WasmTemplateStatus));
        await SeenByTheOperatorAsync(OperatorResources.WasmTemplates, templateWrite);

        (await MetricAsync($"workqueue_adds_total{{name=\"{CanisterDeploymentController.ControllerName}\"}}")).Should().Be(addsBefore, "neither write changed anything a deployment uses");
        (await SettledReconcilesAsync()).Should().Be(reconcilesBefore);

        // A change they use: the root-key policy goes from fetch to the same key pinned. Each deployment is woken once.
        var statusReadsBefore = ic.Counters.Calls("canister_status");
        var pinned = await kube.Client.PatchAsync(OperatorResources.IcNetworks, "local", "default", KubePatch.Merge(new JsonObject { ["spec"] = new JsonObject { ["rootKey"] = ic.RootKeyHex } }));
        await KubeEnvironment.EventuallyAsync(
            () => kube.Client.GetAsync(OperatorResources.IcNetworks, "local", "default"),
            n => n.Status is { } status && status.ObservedGeneration == pinned.Metadata.Generation && status.Conditions.Any(c => c.Type == ConditionTypes.Ready && c.Status == ConditionStatus.True));
        var reconcilesAfterPin = await SettledReconcilesAsync();
        reconcilesAfterPin.Should().Be(reconcilesBefore + names.Length, "each deployment is woken once by the change of its network's spec");
        ic.Counters.Calls("canister_status").Should().Be(statusReadsBefore + names.Length, "each one observes its canister again with the new policy");

        // A change of the template's spec (a new version) is news to each of them too.
        await kube.Client.PatchAsync(OperatorResources.WasmTemplates, "app", "default", KubePatch.Merge(new JsonObject
        {
            ["spec"] = new JsonObject
            {
                ["versions"] = new JsonArray(
                    JsonSerializer.SerializeToNode(template.Spec.Versions[0], OperatorJsonContext.Default.WasmVersion),
                    JsonSerializer.SerializeToNode(template.Spec.Versions[0] with { Version = "2.0.0" }, OperatorJsonContext.Default.WasmVersion)),
            },
        }));
        await KubeEnvironment.EventuallyAsync(() => ReconcilesAsync(CanisterDeploymentController.ControllerName), n => n >= reconcilesAfterPin + names.Length);
        (await SettledReconcilesAsync()).Should().Be(reconcilesAfterPin + names.Length, "each deployment is woken once by its template's spec change");
    }

    /// <summary>One reconcile of "web" by a deployment controller of its own, which has no memory of an earlier one.</summary>
    private async Task ResyncWithFreshControllerAsync()
    {
        var moduleCache = Directory.CreateTempSubdirectory("resync-cache-");
        try
        {
            using var http = new HttpClient();
            using var connections = new NetworkConnections(kube.Client);
            await using var events = new EventRecorder(kube.Client, new EventRecorderOptions { ReportingController = "ic-operator" });
            var store = new VerifiedModuleStore(new WasmFetcher(http, new KubeConfigMapSource(kube.Client), new WasmFetchOptions()), new WasmCache(moduleCache.FullName, NullLogger<WasmCache>.Instance), NullLogger<VerifiedModuleStore>.Instance);
            var deployment = await kube.Client.GetAsync(OperatorResources.CanisterDeployments, "web", "default");
            kube.Emulator.Requests.Reset();
            var result = await new CanisterDeploymentController(kube.Client, connections, store, events, new OperatorMetrics(Prometheus.Metrics.NewCustomRegistry()), TimeProvider.System, NullLogger<CanisterDeploymentController>.Instance)
                .ReconcileAsync(deployment, default);
            result.Should().Be(ReconcileResult.RequeueAfter(CanisterDeploymentController.ResyncInterval), "the deployment is in sync");
        }
        finally
        {
            moduleCache.Delete(recursive: true);
        }
    }

    /// <summary>Template "app" 1.0.0 and deployments (default: "web") on the "local" network, until each is Ready with no step left to run.</summary>
    private async Task DeployReadyAsync(params string[] names)
    {
        var module = new TestModuleBuilder().WithCandidService("service : (text) -> { get : () -> (text) query }").WithQuery("get", "(\"hi\")").Build();
        await kube.Client.CreateAsync(OperatorResources.WasmTemplates, new WasmTemplate
        {
            Metadata = new V1ObjectMeta { Name = "app", NamespaceProperty = "default" },
            Spec = new WasmTemplateSpec
            {
                Versions = [new WasmVersion { Version = "1.0.0", Sha256 = Convert.ToHexStringLower(SHA256.HashData(module)), Source = new WasmSource { Inline = Convert.ToBase64String(module) } }],
            },
        });
        foreach (var name in names.Length == 0 ? ["web"] : names)
        {
            await kube.Client.CreateAsync(OperatorResources.CanisterDeployments, new CanisterDeployment
            {
                Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default" },
                Spec = new CanisterDeploymentSpec
                {
                    NetworkRef = new LocalObjectReference { Name = "local" },
                    Template = new TemplateVersionReference { Name = "app", Version = "1.0.0" },
                    Install = new InstallOptions { Arg = "(\"hello\")" },
                },
            });
        }

        foreach (var name in names.Length == 0 ? ["web"] : names)
        {
            await WaitForDeployment(
                d => d.Status?.Conditions.Any(c => c.Type == ConditionTypes.Ready && c.Status == ConditionStatus.True) == true
                    && d.Status.Conditions.Any(c => c.Type == ConditionTypes.Reconciling && c.Status == ConditionStatus.False),
                name);
        }
    }

    /// <summary>
    /// Waits until the operator's informer has handed <paramref name="written"/> to its handlers: a handler added now
    /// runs after the controllers' own, so once it has seen the write, every controller has heard of it.
    /// </summary>
    private async Task SeenByTheOperatorAsync<T>(KubeResource<T> resource, T written)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var handler = controllers.Host.Informer(resource).AddHandler(e =>
        {
            if (e.Object.Metadata.ResourceVersion == written.Metadata.ResourceVersion)
            {
                seen.TrySetResult();
            }
        });
        await seen.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private Task<CanisterDeployment> WaitForDeployment(Func<CanisterDeployment, bool> done, string name = "web") =>
        KubeEnvironment.EventuallyAsync(() => kube.Client.GetAsync(OperatorResources.CanisterDeployments, name, "default"), done, TimeSpan.FromSeconds(60));

    /// <summary>
    /// The deployment controller's reconcile count once it is idle: no worker busy, nothing queued, and the count
    /// unchanged between two reads (its own finalizer write, for one, queues one more reconcile).
    /// </summary>
    private async Task<double> SettledReconcilesAsync()
    {
        var controller = CanisterDeploymentController.ControllerName;
        double? previous = null;
        var settled = await KubeEnvironment.EventuallyAsync(
            async () =>
            {
                var count = await ReconcilesAsync(controller);
                var active = await MetricAsync($"controller_runtime_active_workers{{controller=\"{controller}\"}}");
                var depth = await MetricAsync($"workqueue_depth{{name=\"{controller}\"}}");
                var stable = active == 0 && depth == 0 && previous == count;
                previous = count;
                return new ControllerActivity(count, active, depth, stable);
            },
            r => r.Stable);
        return settled.Reconciles;
    }

    /// <summary>What the deployment controller is doing, as its metrics say; printed when it does not settle.</summary>
    private sealed record ControllerActivity(double Reconciles, double ActiveWorkers, double QueueDepth, bool Stable);

    /// <summary>Reconciles the controller finished, whatever their result, from the operator's own metric.</summary>
    private Task<double> ReconcilesAsync(string controller) =>
        MetricAsync($"controller_runtime_reconcile_total{{controller=\"{controller}\",result=\"", summed: true);

    /// <summary>The value of the sample whose name and labels start with <paramref name="prefix"/> (or the sum of all such samples).</summary>
    private async Task<double> MetricAsync(string prefix, bool summed = false)
    {
        using var text = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(text);
        var values = Encoding.UTF8.GetString(text.ToArray()).Split('\n')
            .Where(line => line.StartsWith(prefix, StringComparison.Ordinal))
            .Select(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
        values.Should().NotBeEmpty($"the operator exports {prefix}");
        return summed ? values.Sum() : values.Single();
    }
}
