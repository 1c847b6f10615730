using System.Buffers;
using System.Text;
using BenchmarkDotNet.Attributes;
using IcOperator.Kube.Metrics;
using IcOperator.Kube.Queue;
using IcOperator.Kube.Resources;
using IcOperator.Kube.Watch;
using k8s.Models;

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
    private MetricRegistry registry = null!;
    private Counter.Series reconciles = null!;
    private Histogram.Series reconcileTime = null!;

    [GlobalSetup]
    public void Setup()
    {
        queue = new WorkQueue<ObjectKey>("bench", new ExponentialFailureRateLimiter<ObjectKey>(TimeSpan.Zero, TimeSpan.Zero));
        registry = new MetricRegistry();
        var runtime = RuntimeMetrics.For(registry);
        reconciles = runtime.ReconcileTotal.WithLabels("canisterdeployment", "success");
        reconcileTime = runtime.ReconcileTime.WithLabels("canisterdeployment");
        for (var i = 0; i < 200; i++)
        {
            runtime.ReconcileTotal.WithLabels($"controller-{i % 4}", i % 2 == 0 ? "success" : "error").Inc();
            runtime.ReconcileTime.WithLabels($"controller-{i % 4}").Observe(i / 100.0);
        }
    }

    [GlobalCleanup]
    public void Cleanup() => queue.Dispose();

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
    public void CountAndTimeAReconcile()
    {
        reconciles.Inc();
        reconcileTime.Observe(0.042);
    }

    [Benchmark]
    public string ScrapeRuntimeMetrics() => registry.Export();
}
