using System.Buffers;
using System.Text;
using BenchmarkDotNet.Attributes;
using IcOperator.Kube.Instrumentation;
using IcOperator.Kube.Queue;
using IcOperator.Kube.Reconciliation;
using IcOperator.Kube.Resources;
using IcOperator.Kube.Watch;
using IcOperator.Observability;
using k8s.Models;
using Prometheus;

namespace IcOperator.Benchmarks;

/// <summary>Hot paths of the controller runtime: queue hand-off, watch decoding, metric updates and a scrape.</summary>
[MemoryDiagnoser]
public class KubeBenchmarks
{
    private static readonly KubeResource<V1ConfigMap> ConfigMaps = CoreResources.ConfigMaps;
    private readonly ObjectKey[] keys = Enumerable.Range(0, 1000).Select(i => new ObjectKey("apps", $"canister-{i}")).ToArray();
    private readonly ReadOnlySequence<byte> watchLine = new(Encoding.UTF8.GetBytes(
        """{"type":"MODIFIED","object":{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"counter-chunks","namespace":"apps","uid":"0b1c7a4e-6f7e-4b8c-9a51-3f6e0e2f7d11","resourceVersion":"123456","labels":{"app.kubernetes.io/managed-by":"ic-operator"},"ownerReferences":[{"apiVersion":"ic-operator.dev/v1alpha1","kind":"CanisterDeployment","name":"counter","uid":"5d2f","controller":true}]},"data":{"chunk-0":"3a7f0c1e9b8d","chunk-1":"b2c4d6e8f0a1"}}}"""));

    private WorkQueue<ObjectKey> queue = null!;
    private readonly MemoryStream scrape = new();
    private CollectorRegistry registry = null!;
    private IControllerMetrics reconciles = null!;

    [GlobalSetup]
    public void Setup()
    {
        queue = new WorkQueue<ObjectKey>("bench", new ExponentialFailureRateLimiter<ObjectKey>(TimeSpan.Zero, TimeSpan.Zero));
        registry = Metrics.NewCustomRegistry();
        var runtime = new PrometheusRuntimeMetrics(registry);
        reconciles = runtime.Controller("canisterdeployment");
        for (var i = 0; i < 200; i++)
        {
            runtime.Controller($"controller-{i % 4}").Reconciled(i % 2 == 0 ? ReconcileOutcome.Done : ReconcileOutcome.Error, TimeSpan.FromSeconds(i / 100.0));
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        queue.Dispose();
        scrape.Dispose();
    }

    /// <summary>1000 keys through add → get → done.</summary>
    [Benchmark]
    public async Task QueueAddGetDone1000()
    {
        foreach (var key in keys)
        {
            queue.Add(key);
        }

        for (var i = 0; i < keys.Length; i++)
        {
            var (key, _) = await queue.GetAsync();
            queue.Done(key);
        }
    }

    [Benchmark]
    public WatchEvent<V1ConfigMap> DecodeWatchLine() => WatchEventParser.Parse(watchLine, ConfigMaps);

    [Benchmark]
    public void CountAndTimeAReconcile() => reconciles.Reconciled(ReconcileOutcome.Done, TimeSpan.FromMilliseconds(42));

    [Benchmark]
    public async Task<long> ScrapeRuntimeMetrics()
    {
        scrape.SetLength(0);
        await registry.CollectAndExportAsTextAsync(scrape);
        return scrape.Length;
    }
}
