using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using IcOperator.Emulators.Kube;
using IcOperator.Emulators.Kube.Resources;
using IcOperator.Emulators.Kube.Selection;
using IcOperator.Emulators.Kube.Storage;

namespace IcOperator.Benchmarks;

/// <summary>
/// Load on the Kubernetes API emulator with 1,000 objects: creates, updates
/// and watch events per second over HTTPS as clients see them, and the storage alone without HTTP.
/// Results are per object (OperationsPerInvoke).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class KubeEmulatorBenchmarks
{
    private const int Workers = 4;
    private const string Crd = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: canisterdeployments.ic-operator.dev}
        spec:
          group: ic-operator.dev
          scope: Namespaced
          names: {plural: canisterdeployments, singular: canisterdeployment, kind: CanisterDeployment}
          versions:
          - name: v1alpha1
            served: true
            storage: true
            subresources: {status: {}}
            additionalPrinterColumns:
            - {name: Phase, type: string, jsonPath: .status.phase}
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    required: [template]
                    properties:
                      template:
                        type: object
                        properties:
                          name: {type: string}
                          version: {type: string, pattern: '^[0-9.]+$'}
                      deletionPolicy: {type: string, enum: [Retain, Stop, Delete], default: Retain}
                      snapshotRetention: {type: integer, minimum: 1, default: 2}
                  status:
                    type: object
                    properties:
                      phase: {type: string}
        """;

    private const int Objects = 1_000;

    private KubeApiEmulator? _emulator;
    private HttpClient? _http;
    private ObjectStore? _store;
    private ResourceType? _type;
    private string _namespace = string.Empty;
    private int _round;

    [GlobalSetup]
    public void Setup()
    {
        _emulator = KubeApiEmulator.StartAsync(new KubeEmulatorOptions { WatchHistorySize = Objects * 4 }).GetAwaiter().GetResult();
        _emulator.LoadCrds(Crd);
        _http = new HttpClient(_emulator.CreateTrustingHandler()) { BaseAddress = _emulator.BaseUrl };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _emulator.BearerToken);
        var registry = new ResourceRegistry();
        _store = new ObjectStore(registry, TimeProvider.System, Objects * 4);
        _store.Create(BuiltInTypes.CustomResourceDefinitions, null, (JsonObject)IcOperator.Emulators.Kube.Yaml.YamlJson.Parse(Crd)!, WriteOptions.Default);
        _type = registry.Find("ic-operator.dev", "v1alpha1", "canisterdeployments");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _http?.Dispose();
        _emulator?.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [IterationSetup(Targets = [nameof(CreateOverHttps), nameof(CreateInStore)])]
    public void EmptyNamespace() => _namespace = NewNamespace();

    [IterationSetup(Targets = [nameof(UpdateOverHttps), nameof(WatchEventsOverHttps), nameof(ListAsTable)])]
    public void FilledNamespace()
    {
        _namespace = NewNamespace();
        RunWorkers(i => Send(HttpMethod.Post, Collection, Deployment(i, "1.0.0").ToJsonString(), "application/json")).GetAwaiter().GetResult();
    }

    [IterationCleanup]
    public void DeleteNamespace() =>
        Send(HttpMethod.Delete, $"/api/v1/namespaces/{_namespace}", null, "application/json").GetAwaiter().GetResult();

    [Benchmark(OperationsPerInvoke = Objects)]
    public Task CreateOverHttps() => RunWorkers(i => Send(HttpMethod.Post, Collection, Deployment(i, "1.0.0").ToJsonString(), "application/json"));

    [Benchmark(OperationsPerInvoke = Objects)]
    public Task UpdateOverHttps() =>
        RunWorkers(i => Send(HttpMethod.Patch, $"{Collection}/cd-{i}", """{"spec":{"template":{"version":"2.0.0"}}}""", "application/merge-patch+json"));

    [Benchmark(OperationsPerInvoke = Objects)]
    public async Task WatchEventsOverHttps()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Collection}?watch=true&resourceVersion={_emulator!.ResourceVersion}");
        using var response = await _http!.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var writes = RunWorkers(i => Send(HttpMethod.Patch, $"{Collection}/cd-{i}/status", """{"status":{"phase":"Ready"}}""", "application/merge-patch+json"));
        for (var seen = 0; seen < Objects;)
        {
            var line = await reader.ReadLineAsync() ?? throw new InvalidOperationException("watch ended early");
            seen += line.StartsWith("{\"type\":\"MODIFIED\"", StringComparison.Ordinal) ? 1 : 0;
        }

        await writes;
    }

    [Benchmark]
    public Task ListAsTable() =>
        Send(HttpMethod.Get, Collection, null, "application/json", accept: "application/json;as=Table;v=v1;g=meta.k8s.io");

    [Benchmark(OperationsPerInvoke = Objects)]
    public void CreateInStore()
    {
        for (var i = 0; i < Objects; i++)
        {
            _store!.Create(_type!, _namespace, Deployment(i, "1.0.0"), WriteOptions.Default);
        }

        _store!.List(_type!, _namespace, LabelSelector.Everything, FieldSelector.Everything, 0, null);
    }

    private string Collection => $"/apis/ic-operator.dev/v1alpha1/namespaces/{_namespace}/canisterdeployments";

    private static JsonObject Deployment(int i, string version) => new JsonObject
    {
        ["apiVersion"] = "ic-operator.dev/v1alpha1",
        ["kind"] = "CanisterDeployment",
        ["metadata"] = new JsonObject { ["name"] = $"cd-{i}", ["labels"] = new JsonObject { ["shard"] = (i % 10).ToString() } },
        ["spec"] = new JsonObject { ["template"] = new JsonObject { ["name"] = "counter", ["version"] = version } },
    };

    private string NewNamespace()
    {
        var name = $"bench-{_round++}";
        Send(HttpMethod.Post, "/api/v1/namespaces", new JsonObject { ["metadata"] = new JsonObject { ["name"] = name } }.ToJsonString(), "application/json").GetAwaiter().GetResult();
        _store!.Create(BuiltInTypes.Namespaces, null, new JsonObject { ["metadata"] = new JsonObject { ["name"] = name } }, WriteOptions.Default);
        return name;
    }

    private static async Task RunWorkers(Func<int, Task> work)
    {
        var next = -1;
        var workers = Enumerable.Range(0, Workers).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < Objects)
            {
                await work(i);
            }
        });
        await Task.WhenAll(workers);
    }

    private async Task Send(HttpMethod method, string path, string? body, string contentType, string? accept = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        using var response = await _http!.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
