using System.Security.Cryptography;
using IcOperator.Api;
using IcOperator.Api.V1Alpha1;
using IcOperator.Controllers;
using IcOperator.Kube.Events;
using IcOperator.Kube.Reconciliation;
using IcOperator.Kube.Resources;
using IcOperator.Observability;
using IcOperator.Tests.Wasm;
using IcOperator.Wasm;
using Microsoft.Extensions.Logging.Abstractions;

namespace IcOperator.Tests.Controllers;

public sealed class WasmTemplateControllerTests : IAsyncLifetime, IDisposable
{
    private readonly DirectoryInfo cache = Directory.CreateTempSubdirectory("wt-cache-");
    private readonly CancellationTokenSource stop = new();
    private KubeEnvironment kube = null!;
    private Task host = Task.CompletedTask;

    public async Task InitializeAsync()
    {
        kube = await KubeEnvironment.StartAsync();
        var fetcher = new WasmFetcher(new HttpClient(), new KubeConfigMapSource(kube.Client), new WasmFetchOptions());
        var store = new VerifiedModuleStore(fetcher, new WasmCache(cache.FullName, NullLogger<WasmCache>.Instance), NullLogger<VerifiedModuleStore>.Instance);
        var registry = Prometheus.Metrics.NewCustomRegistry();
        var events = new EventRecorder(kube.Client, new EventRecorderOptions { ReportingController = "ic-operator" });
        var controller = new WasmTemplateController(kube.Client, store, events, new OperatorMetrics(registry), TimeProvider.System, NullLogger<WasmTemplateController>.Instance);
        var controllerHost = new ControllerHost(kube.Client, new ControllerHostOptions { Metrics = new PrometheusRuntimeMetrics(registry) });
        controllerHost.AddController(OperatorResources.WasmTemplates, controller, new ControllerOptions { Name = WasmTemplateController.ControllerName });
        host = Task.Run(() => controllerHost.RunAsync(stop.Token));
    }

    public void Dispose() => stop.Dispose();

    public async Task DisposeAsync()
    {
        await stop.CancelAsync();
        await host;
        await kube.DisposeAsync();
        cache.Delete(recursive: true);
    }

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static WasmTemplate Template(string name, params (string Version, byte[] Bytes, string Sha)[] versions) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default" },
        Spec = new WasmTemplateSpec
        {
            Description = "test",
            Versions = [.. versions.Select(v => new WasmVersion { Version = v.Version, Sha256 = v.Sha, Source = new WasmSource { Inline = Convert.ToBase64String(v.Bytes) } })],
        },
    };

    private Task<WasmTemplate> Get(string name) => kube.Client.GetAsync(OperatorResources.WasmTemplates, name, "default");

    [Fact]
    public async Task Every_version_is_verified_and_its_candid_kept_in_an_owned_config_map()
    {
        var v1 = new TestWasm().Public("candid:service", "service : { health : () -> (text) query }").Public("cdk:name", "rust").Build();
        var v2 = new TestWasm().Public("candid:service", "service : { health : () -> (text) query; get : () -> (nat) query }").Build();
        await kube.Client.CreateAsync(OperatorResources.WasmTemplates, Template("app", ("1.0.0", v1, Sha(v1)), ("1.10.0", v2, Sha(v2))));

        var template = await KubeEnvironment.EventuallyAsync(() => Get("app"), t => t.Status?.Conditions.Any(c => c.Type == "Ready" && c.Status == ConditionStatus.True) == true);

        var status = template.Status!;
        status.ObservedGeneration.Should().Be(template.Metadata.Generation);
        status.LatestVersion.Should().Be("1.10.0", "1.10.0 is above 1.0.0 in semantic version order");
        status.Versions.Select(v => (v.Version, v.Phase, v.Sha256)).Should().Equal(("1.0.0", WasmVersionPhase.Verified, Sha(v1)), ("1.10.0", WasmVersionPhase.Verified, Sha(v2)));
        var first = status.Versions[0];
        first.Size.Should().Be(v1.Length);
        first.Gzip.Should().BeFalse();
        first.ChunkHashes.Should().Equal(Sha(v1));
        first.Metadata!.CdkName.Should().Be("rust");
        first.Metadata.CandidServiceRef!.Name.Should().Be("app-1.0.0-candid");
        status.Conditions.Single(c => c.Type == "Stalled").Status.Should().Be(ConditionStatus.False);
        status.Conditions.Should().OnlyContain(c => c.ObservedGeneration == template.Metadata.Generation);

        var configMap = await kube.Client.GetAsync(CoreResources.ConfigMaps, "app-1.10.0-candid", "default");
        configMap.Data!["candid.did"].Should().Be("service : { health : () -> (text) query; get : () -> (nat) query }");
        configMap.Metadata.OwnerReferences.Should().ContainSingle(o => o.Kind == "WasmTemplate" && o.Name == "app" && o.Controller == true);
    }

    [Fact]
    public async Task A_wrong_sha256_stalls_the_template_and_names_both_hashes()
    {
        var good = new TestWasm().Build();
        var bad = new TestWasm().Public("cdk:name", "other").Build();
        var claimed = new string('a', 64);
        await kube.Client.CreateAsync(OperatorResources.WasmTemplates, Template("broken", ("1.0.0", good, Sha(good)), ("2.0.0", bad, claimed)));

        var template = await KubeEnvironment.EventuallyAsync(() => Get("broken"), t => t.Status?.Conditions.Any(c => c.Type == "Stalled" && c.Status == ConditionStatus.True) == true);

        var stalled = template.Status!.Conditions.Single(c => c.Type == "Stalled");
        stalled.Reason.Should().Be(WasmTemplateReasons.HashMismatch);
        stalled.Message.Should().Contain(claimed).And.Contain(Sha(bad));
        template.Status.Conditions.Single(c => c.Type == "Ready").Status.Should().Be(ConditionStatus.False);
        template.Status.Versions.Single(v => v.Version == "2.0.0").Phase.Should().Be(WasmVersionPhase.Failed);
        template.Status.Versions.Single(v => v.Version == "1.0.0").Phase.Should().Be(WasmVersionPhase.Verified);
        template.Status.LatestVersion.Should().Be("1.0.0");
        Directory.GetFiles(cache.FullName).Should().ContainSingle("only the verified module is cached");
    }

    [Fact]
    public async Task Bytes_that_are_not_wasm_are_reported_as_not_wasm()
    {
        byte[] text = "hello, world"u8.ToArray();
        await kube.Client.CreateAsync(OperatorResources.WasmTemplates, Template("text", ("1.0.0", text, Sha(text))));
        var template = await KubeEnvironment.EventuallyAsync(() => Get("text"), t => t.Status?.Conditions.Any(c => c.Type == "Stalled" && c.Status == ConditionStatus.True) == true);
        template.Status!.Conditions.Single(c => c.Type == "Stalled").Reason.Should().Be(WasmTemplateReasons.NotWasm);
    }
}
