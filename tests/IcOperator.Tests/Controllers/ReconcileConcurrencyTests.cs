using IcOperator.Api;
using IcOperator.Api.V1Alpha1;
using IcOperator.Controllers;
using IcOperator.Kube.Client;
using Microsoft.Extensions.Logging.Abstractions;

namespace IcOperator.Tests.Controllers;

/// <summary>--max-concurrent-reconciles auto: deployments reconciled at once follow the IcNetworks' limits.</summary>
public sealed class ReconcileConcurrencyTests : IAsyncLifetime, IDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly DirectoryInfo cache = Directory.CreateTempSubdirectory("concurrency-cache-");
    private KubeEnvironment kube = null!;
    private OperatorControllers controllers = null!;
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
