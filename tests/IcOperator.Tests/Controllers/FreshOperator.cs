using IcOperator.Api;
using IcOperator.Audit;
using IcOperator.Controllers;
using IcOperator.Kube.Client;
using IcOperator.Kube.Events;
using IcOperator.Observability;
using IcOperator.Wasm;
using Microsoft.Extensions.Logging.Abstractions;

namespace IcOperator.Tests.Controllers;

/// <summary>
/// An operator built from nothing (new agents, caches and module store) that reconciles every object once and is thrown
/// away: calling it again and again is an operator restarted at every step boundary. The IcNetwork "local" first, then
/// every WasmTemplate, the PackageInstallation "app" if there is one, then every CanisterDeployment.
/// </summary>
internal sealed class FreshOperator(IKubeClient client)
{
    /// <summary>Metrics the controllers write to; a new registry per operator when unset.</summary>
    public OperatorMetrics? Metrics { get; init; }

    /// <summary>Where audit blocks go; the real log canisters when unset.</summary>
    public IAuditLogs? AuditLogs { get; init; }

    /// <summary>An exception a deployment's reconcile may end with: the operator died there, and the next one starts from what status and the IC say.</summary>
    public Func<Exception, bool> DiedWith { get; init; } = _ => false;

    public async Task ReconcileAllAsync()
    {
        var cache = Directory.CreateTempSubdirectory("fresh-operator-cache-");
        try
        {
            using var http = new HttpClient();
            using var connections = new NetworkConnections(client);
            await using var events = new EventRecorder(client, new EventRecorderOptions { ReportingController = "ic-operator" });
            var metrics = Metrics ?? new OperatorMetrics(Prometheus.Metrics.NewCustomRegistry());
            var store = new VerifiedModuleStore(new WasmFetcher(http, new KubeConfigMapSource(client), new WasmFetchOptions()), new WasmCache(cache.FullName, NullLogger<WasmCache>.Instance), NullLogger<VerifiedModuleStore>.Instance);
            try
            {
                // The network creates its chunk store: a create whose outcome is lost can end this operator as well.
                await new IcNetworkController(client, connections, events, TimeProvider.System, NullLogger<IcNetworkController>.Instance)
                    .ReconcileAsync(await client.GetAsync(OperatorResources.IcNetworks, OperatorTestBed.Network, OperatorTestBed.Namespace), default);
            }
            catch (Exception e) when (DiedWith(e))
            {
                // The operator died here; the next one starts from what status and the IC say.
                return;
            }

            var templates = new WasmTemplateController(client, store, events, metrics, TimeProvider.System, NullLogger<WasmTemplateController>.Instance);
            foreach (var template in (await client.ListAsync(OperatorResources.WasmTemplates, OperatorTestBed.Namespace)).Items)
            {
                await templates.ReconcileAsync(template, default);
            }

            if (await client.TryGetAsync(OperatorResources.PackageInstallations, "app", OperatorTestBed.Namespace) is { } package)
            {
                await new PackageInstallationController(client, store, events, TimeProvider.System, NullLogger<PackageInstallationController>.Instance)
                    .ReconcileAsync(package, default);
            }

            var deployments = new CanisterDeploymentController(client, connections, store, events, metrics, TimeProvider.System, NullLogger<CanisterDeploymentController>.Instance, AuditLogs);
            foreach (var deployment in (await client.ListAsync(OperatorResources.CanisterDeployments, OperatorTestBed.Namespace)).Items)
            {
                try
                {
                    await deployments.ReconcileAsync(deployment, default);
                }
                catch (Exception e) when (DiedWith(e))
                {
                    // The operator died here; the next one starts from what status and the IC say.
                }
            }
        }
        finally
        {
            cache.Delete(recursive: true);
        }
    }
}
