using IcOperator.Agent.Identities;
using IcOperator.Api;
using IcOperator.Api.V1Alpha1;
using IcOperator.Controllers;
using IcOperator.Emulators.Ic;
using IcOperator.Kube.Events;
using IcOperator.Observability;
using IcOperator.Wasm;
using Microsoft.Extensions.Logging.Abstractions;
using static IcOperator.Tests.Controllers.PackageScenario;

namespace IcOperator.Tests.Controllers;

/// <summary>
/// A fresh operator for every single reconcile of every object: the operator is "restarted" at every step
/// boundary of a package's install, failed upgrade and removal, and must converge with no orphan canister,
/// no double install and no repeated call.
/// </summary>
public sealed class PackageRestartSafetyTests : IAsyncLifetime
{
    private KubeEnvironment kube = null!;
    private IcEmulator ic = null!;

    public async Task InitializeAsync()
    {
        kube = await KubeEnvironment.StartAsync();
        ic = await IcEmulator.StartAsync();
        await CreateNetworkAndTemplateAsync(kube.Client, ic);
    }

    public async Task DisposeAsync()
    {
        await ic.DisposeAsync();
        await kube.DisposeAsync();
    }

    /// <summary>One reconcile of every resource, each by controllers built from nothing and thrown away.</summary>
    private async Task ReconcileWithFreshOperator()
    {
        var cache = Directory.CreateTempSubdirectory("pkg-restart-cache-");
        try
        {
            using var http = new HttpClient();
            using var connections = new NetworkConnections(kube.Client);
            await using var events = new EventRecorder(kube.Client, new EventRecorderOptions { ReportingController = "ic-operator" });
            var metrics = new OperatorMetrics(Prometheus.Metrics.NewCustomRegistry());
            var store = new VerifiedModuleStore(new WasmFetcher(http, new KubeConfigMapSource(kube.Client), new WasmFetchOptions()), new WasmCache(cache.FullName, NullLogger<WasmCache>.Instance), NullLogger<VerifiedModuleStore>.Instance);
            await new IcNetworkController(kube.Client, connections, events, TimeProvider.System, NullLogger<IcNetworkController>.Instance)
                .ReconcileAsync(await kube.Client.GetAsync(OperatorResources.IcNetworks, "local", "default"), default);
            await new WasmTemplateController(kube.Client, store, events, metrics, TimeProvider.System, NullLogger<WasmTemplateController>.Instance)
                .ReconcileAsync(await kube.Client.GetAsync(OperatorResources.WasmTemplates, "part", "default"), default);
            if (await kube.Client.TryGetAsync(OperatorResources.PackageInstallations, "app", "default") is { } package)
            {
                await new PackageInstallationController(kube.Client, store, events, TimeProvider.System, NullLogger<PackageInstallationController>.Instance)
                    .ReconcileAsync(package, default);
            }

            foreach (var deployment in (await kube.Client.ListAsync(OperatorResources.CanisterDeployments, "default")).Items)
            {
                await new CanisterDeploymentController(kube.Client, connections, store, events, metrics, TimeProvider.System, NullLogger<CanisterDeploymentController>.Instance)
                    .ReconcileAsync(deployment, default);
            }
        }
        finally
        {
            cache.Delete(recursive: true);
        }
    }

    private async Task<PackageInstallation?> ConvergeAsync(Func<PackageInstallation?, bool> done)
    {
        for (var restart = 0; restart < 400; restart++)
        {
            await ReconcileWithFreshOperator();
            var package = await kube.Client.TryGetAsync(OperatorResources.PackageInstallations, "app", "default");
            if (done(package))
            {
                return package;
            }
        }

        throw new InvalidOperationException("the package did not converge within 400 restarts");
    }

    private int Calls(string canister, string method) => ic.Counters.UpdateCalls.Count(c => c.Canister.ToString() == canister && c.Method == method);

    [Fact]
    public async Task Install_failed_upgrade_and_removal_converge_when_the_operator_restarts_at_every_step()
    {
        using var identity = Ed25519Identity.Generate();
        await kube.Client.CreateAsync(OperatorResources.PackageInstallations, Package("app", identity.Sender.ToString()));

        var installed = await ConvergeAsync(p => p is not null && Has(p, "Ready"));
        var ids = installed!.Status!.Components.Select(c => c.CanisterId!).ToList();
        ic.GetCanisters().Should().HaveCount(3, "a restart never creates a second canister for a component");
        ids.Should().OnlyContain(id => Calls(id, "install_code") == 1 && Calls(id, "init") == 1);
        (await ConfigAsync(ic, ids[2])).Previous.Should().Equal(ids[0], ids[1]);

        await SetComponentsAsync(kube.Client, "app", Components(a: "2.0.0", b: "3.0.0", c: "2.0.0"));
        var failed = await ConvergeAsync(p => p is not null && Has(p, "Stalled"));
        failed!.Status!.FailedVersions.Should().Equal(new ComponentVersion { Name = "b", Version = "3.0.0" });
        Calls(ids[0], "install_code").Should().Be(2, "a is upgraded once, then restored by loading its snapshot");
        Calls(ids[0], "load_canister_snapshot").Should().Be(1);
        Calls(ids[1], "install_code").Should().Be(2, "b's failed upgrade is tried once");
        Calls(ids[2], "install_code").Should().Be(1);
        (await TextAsync(ic, ids[0], "version")).Should().Be("1.0.0");
        ic.GetCanisters().Should().HaveCount(3);

        await kube.Client.DeleteAsync(OperatorResources.PackageInstallations, "app", "default");
        await ConvergeAsync(p => p is null);
        ids.Should().OnlyContain(id => Calls(id, "deinit") == 1 && Calls(id, "delete_canister") == 1);
        ic.GetCanisters().Should().BeEmpty("no orphan canister is left behind");
    }
}
