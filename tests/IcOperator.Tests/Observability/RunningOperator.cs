using IcOperator.Observability;
using IcOperator.Tests.Controllers;
using Microsoft.Extensions.Logging.Abstractions;
using Prometheus;

namespace IcOperator.Tests.Observability;

/// <summary>The operator server as <c>run</c> starts it (one registry, the client reporting into it) against the Kubernetes API emulator.</summary>
internal sealed class RunningOperator : IAsyncDisposable
{
    private readonly KubeEnvironment kube;
    private readonly DirectoryInfo cache;
    private readonly Kube.Client.IKubeClient client;

    private RunningOperator(KubeEnvironment kube, DirectoryInfo cache, Kube.Client.IKubeClient client, OperatorServer server)
    {
        this.kube = kube;
        this.cache = cache;
        this.client = client;
        Server = server;
    }

    public OperatorServer Server { get; }

    public static async Task<RunningOperator> StartAsync()
    {
        var kube = await KubeEnvironment.StartAsync();
        var registry = Metrics.NewCustomRegistry();
        var client = Kube.Client.KubeClientFactory.Create(
            Kube.Config.KubeConfigLoader.FromKubeconfigYaml(kube.Emulator.Kubeconfig()),
            new PrometheusRuntimeMetrics(registry).RestClient);
        var cache = Directory.CreateTempSubdirectory("operator-server-cache-");
        var server = OperatorServer.Start(client, registry, "http://127.0.0.1:0", cache.FullName, NullLoggerFactory.Instance, leaderElection: null, watchNamespace: null);
        return new RunningOperator(kube, cache, client, server);
    }

    /// <summary>GET /metrics once the caches are synced (so the controllers have listed and are watching).</summary>
    public async Task<string> ScrapeWhenReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = Server.Address };
        await KubeEnvironment.EventuallyAsync(async () => (int)(await http.GetAsync("/readyz")).StatusCode, code => code == 200);
        return await http.GetStringAsync("/metrics");
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        client.Dispose();
        await kube.DisposeAsync();
        cache.Delete(recursive: true);
    }
}
