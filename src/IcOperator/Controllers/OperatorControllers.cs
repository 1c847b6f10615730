using IcOperator.Api;
using IcOperator.Api.V1Alpha1;
using IcOperator.Kube.Client;
using IcOperator.Kube.Events;
using IcOperator.Kube.LeaderElection;
using IcOperator.Kube.Reconciliation;
using IcOperator.Kube.Resources;
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

    public OperatorControllers(IKubeClient client, CollectorRegistry registry, ILoggerFactory loggers, string wasmCacheDirectory, LeaderElectionOptions? leaderElection = null, string? watchNamespace = null, int maxConcurrentReconciles = AutoConcurrentReconciles)
    {
        if (maxConcurrentReconciles < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxConcurrentReconciles), maxConcurrentReconciles, "--max-concurrent-reconciles: expected auto or at least 1");
        }

        Metrics = new OperatorMetrics(registry);
        events = new EventRecorder(client, new EventRecorderOptions { ReportingController = "ic-operator", Logger = loggers.CreateLogger<EventRecorder>() });
        Host = new ControllerHost(client, new ControllerHostOptions { Metrics = new PrometheusRuntimeMetrics(registry), LoggerFactory = loggers, LeaderElection = leaderElection, Namespace = watchNamespace });

        // Referenced objects are read from these caches, and a change to one wakes exactly the objects that refer to it.
        var networks = Host.Informer(OperatorResources.IcNetworks);
        var templates = Host.Informer(OperatorResources.WasmTemplates);
        var secrets = Host.Informer(CoreResources.Secrets);
        var deployments = Host.Informer(OperatorResources.CanisterDeployments);
        var packages = Host.Informer(OperatorResources.PackageInstallations);
        networks.AddIndex(ReferenceIndexes.BySecret, n => [ReferenceIndexes.Key(n, n.Spec.Identity.SecretRef.Name)]);
        deployments.AddIndex(ReferenceIndexes.ByNetwork, d => [ReferenceIndexes.Key(d, d.Spec.NetworkRef.Name)]);
        deployments.AddIndex(ReferenceIndexes.ByTemplate, d => [ReferenceIndexes.Key(d, d.Spec.Template.Name)]);
        deployments.AddIndex(ReferenceIndexes.ByPackage, d => d.Metadata.Labels?.TryGetValue(Annotations.PackageLabel, out var package) == true ? [ReferenceIndexes.Key(d, package)] : []);
        packages.AddIndex(ReferenceIndexes.ByNetwork, p => [ReferenceIndexes.Key(p, p.Spec.NetworkRef.Name)]);
        packages.AddIndex(ReferenceIndexes.ByTemplate, p => p.Spec.Components.Select(c => ReferenceIndexes.Key(p, c.Template.Name)).Distinct(StringComparer.Ordinal));
        var references = new CachedReferences(networks, templates, secrets, packages, deployments);

        // Steps that must not be decided on a copy behind the controller's own last status write wait until the cache
        // shows that write; the cache says when, not a GET.
        var packageWrites = new OwnStatusWrites(TimeProvider.System);
        packages.AddHandler(e => packageWrites.Seen(e.Object, deleted: e.Type == Kube.Informers.InformerEventType.Deleted));
        var deploymentWrites = new OwnStatusWrites(TimeProvider.System);
        deployments.AddHandler(e => deploymentWrites.Seen(e.Object, deleted: e.Type == Kube.Informers.InformerEventType.Deleted));

        // auto: deployments reconciled at once follow the networks' limits, re-read whenever an IcNetwork changes.
        var auto = maxConcurrentReconciles == AutoConcurrentReconciles;
        DeploymentConcurrency = new Kube.Reconciliation.ConcurrencyLimit(auto ? ReconcilesFor(networks.List()) : maxConcurrentReconciles);
        if (auto)
        {
            networks.AddHandler(_ => DeploymentConcurrency.Set(ReconcilesFor(networks.List())));
            maxConcurrentReconciles = DefaultMaxConcurrentReconciles;
        }

        connections = new NetworkConnections(client, references);
        var fetcher = new WasmFetcher(http, new KubeConfigMapSource(client), new WasmFetchOptions());
        var store = new VerifiedModuleStore(fetcher, new WasmCache(wasmCacheDirectory, loggers.CreateLogger<WasmCache>()), loggers.CreateLogger<VerifiedModuleStore>());
        Host.AddController(
            OperatorResources.IcNetworks,
            new IcNetworkController(client, connections, events, TimeProvider.System, loggers.CreateLogger<IcNetworkController>(), references, n => deployments.ByIndex(ReferenceIndexes.ByNetwork, ReferenceIndexes.Key(n, n.Metadata.Name!))),
            new ControllerOptions { Name = IcNetworkController.ControllerName, MaxConcurrentReconciles = maxConcurrentReconciles })
            .Watches(CoreResources.Secrets, s => ReferenceIndexes.Referrers(networks, ReferenceIndexes.BySecret, s))
            .Owns(OperatorResources.CanisterDeployments)

            // A deployment on a subnet without a chunk store wakes its network, which creates one there; one that may
            // have changed what its subnet's store should hold wakes it to record that or clear what is no longer used.
            .Watches(OperatorResources.CanisterDeployments, d => networks.Get(new ObjectKey(d.Metadata.NamespaceProperty ?? string.Empty, d.Spec.NetworkRef.Name)) is { } n
                && (IcNetworkController.NeedsChunkStore(n, d) || IcNetworkController.ChunkStoreMayChange(n, d))
                ? [ObjectKey.Of(n)]
                : []);
        Host.AddController(
            OperatorResources.WasmTemplates,
            new WasmTemplateController(client, store, events, Metrics, TimeProvider.System, loggers.CreateLogger<WasmTemplateController>()),
            new ControllerOptions { Name = WasmTemplateController.ControllerName, MaxConcurrentReconciles = maxConcurrentReconciles });
        Host.AddController(
            OperatorResources.CanisterDeployments,
            new CanisterDeploymentController(client, connections, store, events, Metrics, TimeProvider.System, loggers.CreateLogger<CanisterDeploymentController>(), references: references, ownWrites: deploymentWrites),
            new ControllerOptions
            {
                Name = CanisterDeploymentController.ControllerName,
                MaxConcurrentReconciles = auto ? MaxAutoReconciles : maxConcurrentReconciles,
                Concurrency = auto ? DeploymentConcurrency : null,
            })

            // A backlog on one network holds at most its own share of the workers; deployments of other networks go past it.
            .LimitPerPartition(d => ReferenceIndexes.Key(d, d.Spec.NetworkRef.Name), network => ReconcilesOn(networks.Get(ReferenceIndexes.Referenced(network))))

            // A network or template update wakes only the deployments it changes something for (a store's versions, the
            // audit log's last block and other subnets' stores are written often and matter to none of them).
            .WatchesChanges(OperatorResources.IcNetworks, e => ReferenceIndexes.ReferrersConcerned(deployments, ReferenceIndexes.ByNetwork, e, DeploymentInputs.NetworkChangeMatters))
            .WatchesChanges(OperatorResources.WasmTemplates, e => ReferenceIndexes.ReferrersConcerned(deployments, ReferenceIndexes.ByTemplate, e, DeploymentInputs.TemplateChangeMatters))
            .Watches(CoreResources.Secrets, s => networks.ByIndex(ReferenceIndexes.BySecret, ReferenceIndexes.Key(s, s.Metadata.Name!))
                .SelectMany(n => ReferenceIndexes.Referrers(deployments, ReferenceIndexes.ByNetwork, n)));
        Host.AddController(
            OperatorResources.PackageInstallations,
            new PackageInstallationController(client, store, events, TimeProvider.System, loggers.CreateLogger<PackageInstallationController>(), references, packageWrites),
            new ControllerOptions { Name = PackageInstallationController.ControllerName, MaxConcurrentReconciles = Math.Min(maxConcurrentReconciles, MaxPackagesInFlight) })
            .Owns(OperatorResources.CanisterDeployments)
            .Watches(OperatorResources.PackageInstallations, p => PackageInstallationController.Dependents(p, packages.List()))
            .Watches(OperatorResources.IcNetworks, n => ReferenceIndexes.Referrers(packages, ReferenceIndexes.ByNetwork, n))
            .Watches(OperatorResources.WasmTemplates, t => ReferenceIndexes.Referrers(packages, ReferenceIndexes.ByTemplate, t));
    }

    /// <summary>
    /// Networks, templates and (with a number given) deployments reconciled at once per kind. A reconcile mostly waits
    /// on the IC (an update takes about a second of consensus), so this is well above the cores; what bounds the
    /// traffic is each IcNetwork's spec.limits, enforced by its agent.
    /// </summary>
    public const int DefaultMaxConcurrentReconciles = 64;

    /// <summary><c>--max-concurrent-reconciles auto</c>, the default: deployments reconciled at once follow the networks' limits.</summary>
    public const int AutoConcurrentReconciles = 0;

    /// <summary>The most deployments <c>auto</c> reconciles at once, whatever the networks allow.</summary>
    public const int MaxAutoReconciles = 1024;

    /// <summary>
    /// Deployments reconciled at once under <c>auto</c>: twice the calls the networks allow in flight
    /// (spec.limits.maxConcurrentCalls), since a reconcile also spends time on Kubernetes writes between calls;
    /// each network's agent still holds its own calls to its limit.
    /// </summary>
    public static int ReconcilesFor(IEnumerable<Api.V1Alpha1.IcNetwork> networks) =>
        (int)Math.Clamp(ReconcilesPerCall * networks.Sum(n => (long)n.Spec.Limits.MaxConcurrentCalls), DefaultMaxConcurrentReconciles / 8, MaxAutoReconciles);

    /// <summary>
    /// Deployments of one network reconciled at once, whatever the workers: twice its spec.limits.maxConcurrentCalls,
    /// as <see cref="ReconcilesFor"/> counts it. Unbounded for a network that does not exist (its deployments only say so).
    /// </summary>
    public static int ReconcilesOn(Api.V1Alpha1.IcNetwork? network) =>
        network is null ? int.MaxValue : (int)Math.Min(ReconcilesPerCall * network.Spec.Limits.MaxConcurrentCalls, int.MaxValue);

    /// <summary>Deployment reconciles per call a network allows in flight: a reconcile also spends time on Kubernetes writes between calls.</summary>
    private const long ReconcilesPerCall = 2;

    /// <summary>Deployments reconciled at once: the number given, or under <c>auto</c> what the networks' limits allow now.</summary>
    public Kube.Reconciliation.ConcurrencyLimit DeploymentConcurrency { get; }

    /// <summary>Packages reconciled at once: a package step only writes Kubernetes objects, so a few workers suffice.</summary>
    private const int MaxPackagesInFlight = 2;

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
