using IcOperator.Api;
using IcOperator.Kube.Client;
using IcOperator.Kube.Events;
using IcOperator.Kube.LeaderElection;
using IcOperator.Kube.Reconciliation;
using IcOperator.Observability;
using IcOperator.Wasm;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace IcOperator.Controllers;

/// <summary>The operator's controllers on one controller host: what <c>run</c>, <c>local</c> and the end-to-end tests start.</summary>
internal sealed class OperatorControllers : IAsyncDisposable
{
    private readonly NetworkConnections connections;
    private readonly EventRecorder events;
    private readonly HttpClient http = new();

    public OperatorControllers(IKubeClient client, CollectorRegistry registry, ILoggerFactory loggers, string wasmCacheDirectory, LeaderElectionOptions? leaderElection = null, string? watchNamespace = null)
    {
        Metrics = new OperatorMetrics(registry);
        connections = new NetworkConnections(client);
        events = new EventRecorder(client, new EventRecorderOptions { ReportingController = "ic-operator", Logger = loggers.CreateLogger<EventRecorder>() });
        var fetcher = new WasmFetcher(http, new KubeConfigMapSource(client), new WasmFetchOptions());
        var store = new VerifiedModuleStore(fetcher, new WasmCache(wasmCacheDirectory, loggers.CreateLogger<WasmCache>()), loggers.CreateLogger<VerifiedModuleStore>());
        Host = new ControllerHost(client, new ControllerHostOptions { Metrics = new PrometheusRuntimeMetrics(registry), LoggerFactory = loggers, LeaderElection = leaderElection, Namespace = watchNamespace });
        Host.AddController(
            OperatorResources.IcNetworks,
            new IcNetworkController(client, http, connections, events, TimeProvider.System, loggers.CreateLogger<IcNetworkController>()),
            new ControllerOptions { Name = IcNetworkController.ControllerName });
        Host.AddController(
            OperatorResources.WasmTemplates,
            new WasmTemplateController(client, store, events, Metrics, TimeProvider.System, loggers.CreateLogger<WasmTemplateController>()),
            new ControllerOptions { Name = WasmTemplateController.ControllerName });
        Host.AddController(
            OperatorResources.CanisterDeployments,
            new CanisterDeploymentController(client, connections, store, events, Metrics, TimeProvider.System, loggers.CreateLogger<CanisterDeploymentController>()),
            new ControllerOptions { Name = CanisterDeploymentController.ControllerName, MaxConcurrentReconciles = MaxDeploymentsInFlight });
        var packages = Host.Informer(OperatorResources.PackageInstallations);
        Host.AddController(
            OperatorResources.PackageInstallations,
            new PackageInstallationController(client, store, events, TimeProvider.System, loggers.CreateLogger<PackageInstallationController>()),
            new ControllerOptions { Name = PackageInstallationController.ControllerName, MaxConcurrentReconciles = 2 })
            .Owns(OperatorResources.CanisterDeployments)
            .Watches(OperatorResources.PackageInstallations, p => PackageInstallationController.Dependents(p, packages.List()));
    }

    /// <summary>
    /// Deployments reconciled at once. A reconcile mostly waits on the IC (an update takes about a second of
    /// consensus), so this is high; what bounds the traffic is each IcNetwork's spec.limits, enforced by its agent.
    /// </summary>
    public const int MaxDeploymentsInFlight = 256;

    public ControllerHost Host { get; }

    public OperatorMetrics Metrics { get; }

    public Task RunAsync(CancellationToken cancellationToken) => Host.RunAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await events.DisposeAsync();
        connections.Dispose();
        http.Dispose();
    }
}
