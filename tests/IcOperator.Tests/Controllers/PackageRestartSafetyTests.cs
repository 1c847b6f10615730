using System.Text.Json.Nodes;
using IcOperator.Agent.Bls;
using IcOperator.Agent.Certificates;
using IcOperator.Agent.Icrc121;
using IcOperator.Agent.Icrc3;
using IcOperator.Agent.Identities;
using IcOperator.Agent.Management;
using IcOperator.Agent.Transport;
using IcOperator.Api;
using IcOperator.Api.V1Alpha1;
using IcOperator.Audit;
using IcOperator.Candid;
using IcOperator.Controllers;
using IcOperator.Emulators.Ic;
using IcOperator.Emulators.Ic.Canisters;
using IcOperator.Kube.Client;
using static IcOperator.Tests.Controllers.PackageScenario;

namespace IcOperator.Tests.Controllers;

/// <summary>
/// A fresh operator for every single reconcile of every object: the operator is "restarted" at every step
/// boundary of a package's install, failed upgrade and removal, and must converge with no orphan canister,
/// no double install and no repeated call, and with every step of every component in the network's audit log
/// (the real log canister) exactly once.
/// </summary>
public sealed class PackageRestartSafetyTests : IAsyncLifetime
{
    private readonly Ed25519Identity logOwner = Ed25519Identity.Generate();
    private OperatorTestBed bed = null!;
    private KubeEnvironment kube = null!;
    private IcEmulator ic = null!;
    private HttpAgent agent = null!;
    private Principal log = null!;

    public async Task InitializeAsync()
    {
        bed = await OperatorTestBed.StartAsync();
        (kube, ic) = (bed.Kube, bed.Ic);
        await CreateNetworkAndTemplateAsync(bed);

        // The network's audit log: the log canister, installed with the operator's principal as its only writer.
        await ReconcileWithFreshOperator();
        var operatorPrincipal = (await kube.Client.GetAsync(OperatorResources.IcNetworks, "local", "default")).Status!.Principal!;
        agent = new HttpAgent(new HttpAgentOptions { Url = ic.Url, Identity = logOwner, RootKeySource = RootKeySource.Fetch, SignatureVerifier = new Bls12381SignatureVerifier() });
        var management = new ManagementCanister(agent);
        log = await management.ProvisionalCreateCanisterWithCyclesAsync(10_000_000_000_000, null);
        await management.InstallCodeAsync(log, CanisterInstallMode.InstallMode, AuditLogModule.Wasm, AuditLogModule.InitArgument(Principal.Parse(operatorPrincipal)));
        await kube.Client.PatchAsync(OperatorResources.IcNetworks, "local", "default", KubePatch.Merge(new JsonObject
        {
            ["spec"] = new JsonObject { ["auditLog"] = new JsonObject { ["canisterId"] = log.ToString() } },
        }));
    }

    public async Task DisposeAsync()
    {
        agent.Dispose();
        await bed.DisposeAsync();
        logOwner.Dispose();
    }

    /// <summary>One reconcile of every resource, each by controllers built from nothing and thrown away.</summary>
    private Task ReconcileWithFreshOperator() => new FreshOperator(kube.Client).ReconcileAllAsync();

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

    private IEnumerable<CanisterView> ComponentCanisters() => ic.GetCanisters().Where(c => c.Id != log);

    /// <summary>The block types the log holds for one canister, in order.</summary>
    private async Task<List<string>> BlocksOf(string canister) =>
        [.. (await new Icrc3LogClient(agent, log).ReadAllAsync()).Select(AuditLogVerifier.Row).Where(r => r.Canister == canister).Select(r => r.BlockType)];

    /// <summary>Each announced step has its result once: no block lost or repeated across the restarts.</summary>
    private async Task AssertLoggedOnceEachAsync(string canister)
    {
        var blocks = await BlocksOf(canister);
        var upgrades = blocks.Count(b => b == Icrc121BlockTypes.UpgradeTo);
        blocks.Count(b => b == Icrc121BlockTypes.UpgradeFinished).Should().Be(upgrades, string.Join(", ", blocks));
        upgrades.Should().Be(Calls(canister, "install_code"), "one 121upgrade_to for each install the IC ran: {0}", string.Join(", ", blocks));
        blocks.Count(b => b == Icrc121BlockTypes.Snapshot).Should().Be(Calls(canister, "take_canister_snapshot"), string.Join(", ", blocks));
        blocks.Count(b => b == Icrc121BlockTypes.SnapshotFinished).Should().Be(Calls(canister, "take_canister_snapshot"), string.Join(", ", blocks));
        blocks.Count(b => b == Icrc121BlockTypes.RevertSnapshot).Should().Be(Calls(canister, "load_canister_snapshot"), string.Join(", ", blocks));
        blocks.Count(b => b == Icrc121BlockTypes.RevertResult).Should().Be(Calls(canister, "load_canister_snapshot"), string.Join(", ", blocks));
        blocks.Count(b => b == Icrc121BlockTypes.Stop).Should().Be(Calls(canister, "stop_canister"), string.Join(", ", blocks));
        blocks.Count(b => b == Icrc121BlockTypes.Start).Should().Be(Calls(canister, "start_canister"), string.Join(", ", blocks));
    }

    [Fact]
    public async Task Install_failed_upgrade_and_removal_converge_when_the_operator_restarts_at_every_step()
    {
        using var identity = Ed25519Identity.Generate();
        await kube.Client.CreateAsync(OperatorResources.PackageInstallations, Package("app", identity.Sender.ToString()));

        var installed = await ConvergeAsync(p => p is not null && Has(p, "Ready"));
        var ids = installed!.Status!.Components.Select(c => c.CanisterId!).ToList();
        ComponentCanisters().Should().HaveCount(3, "a restart never creates a second canister for a component");
        foreach (var id in ids)
        {
            (await BlocksOf(id)).Should().Equal(Icrc121BlockTypes.UpgradeTo, Icrc121BlockTypes.UpgradeFinished);
        }
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
        ComponentCanisters().Should().HaveCount(3);
        foreach (var id in ids)
        {
            await AssertLoggedOnceEachAsync(id);
        }

        (await BlocksOf(ids[2])).Should().Equal([Icrc121BlockTypes.UpgradeTo, Icrc121BlockTypes.UpgradeFinished], "c comes after the failed component and is never touched");
        (await BlocksOf(ids[0])).Should().Equal(
            [Icrc121BlockTypes.UpgradeTo, Icrc121BlockTypes.UpgradeFinished,
             Icrc121BlockTypes.UpgradeTo, Icrc121BlockTypes.Stop, Icrc121BlockTypes.Snapshot, Icrc121BlockTypes.SnapshotFinished, Icrc121BlockTypes.Start, Icrc121BlockTypes.UpgradeFinished,
             Icrc121BlockTypes.Stop, Icrc121BlockTypes.RevertSnapshot, Icrc121BlockTypes.RevertResult, Icrc121BlockTypes.Start],
            "a is installed, upgraded, then restored by the package from the snapshot it took before its upgrade");
        var verifier = new CertificateVerifier(new CertificateVerifierOptions { RootKey = ic.RootKeyDer, SignatureVerifier = new Bls12381SignatureVerifier() });
        (await AuditLogVerifier.VerifyAsync(new Icrc3LogClient(agent, log), verifier, default)).Problems.Should().BeEmpty();

        await kube.Client.DeleteAsync(OperatorResources.PackageInstallations, "app", "default");
        await ConvergeAsync(p => p is null);
        ids.Should().OnlyContain(id => Calls(id, "deinit") == 1 && Calls(id, "delete_canister") == 1);
        ComponentCanisters().Should().BeEmpty("no orphan canister is left behind");
    }
}
