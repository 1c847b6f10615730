using System.Text.Json.Nodes;
using IcOperator.Agent.Bls;
using IcOperator.Agent.Certificates;
using IcOperator.Agent.Icrc121;
using IcOperator.Agent.Icrc3;
using IcOperator.Api;
using IcOperator.Api.V1Alpha1;
using IcOperator.Audit;
using IcOperator.Candid;
using IcOperator.ChunkStore;
using IcOperator.Emulators.Ic;
using IcOperator.Kube.Client;
using IcOperator.Observability;
using IcOperator.Tests.Controllers;

using static IcOperator.Tests.Controllers.OperatorTestBed;

namespace IcOperator.Tests.Audit;

/// <summary>
/// The operator's audit trail against the IC emulator (real management canister semantics) with the log
/// canister replaced by <see cref="FakeAuditLog"/>, which follows the log canister's rules: every step of a
/// deploy, an upgrade, a rolled-back upgrade and a settings change lands in the log once, in order, even when
/// the operator is restarted between a block and its step.
/// </summary>
public sealed class AuditTrailEndToEndTests : IAsyncLifetime
{
    private static readonly BlsSecretKey SubnetKey = BlsSecretKey.FromBytes(Enumerable.Range(3, 32).Select(i => (byte)i).ToArray());
    private readonly FakeAuditLog log = new(Principal.Parse("ryjl3-tyaaa-aaaaa-aaaba-cai"), SubnetKey);
    private readonly byte[] v1 = Module("(variant { ok })", 1);
    private readonly byte[] v2 = Module("(variant { ok })", 2);
    private readonly byte[] v3 = Module("(variant { degraded })", 3);
    private readonly OperatorMetrics metrics = new(Prometheus.Metrics.NewCustomRegistry());
    private OperatorTestBed bed = null!;
    private KubeEnvironment kube = null!;
    private IcEmulator ic = null!;
    private string operatorPrincipal = null!;

    public async Task InitializeAsync()
    {
        bed = await OperatorTestBed.StartAsync();
        (kube, ic, operatorPrincipal) = (bed.Kube, bed.Ic, bed.OperatorPrincipal.ToString());
        await bed.CreateNetworkAsync(spec => spec with { AuditLog = new AuditLogSpec { CanisterId = log.Canister.ToString() } });
        await bed.CreateTemplateAsync("app", ("1.0.0", v1), ("2.0.0", v2), ("3.0.0", v3));
        await bed.CreateDeploymentAsync();
    }

    public async Task DisposeAsync() => await bed.DisposeAsync();

    [Fact]
    public async Task Deploy_upgrade_rollback_and_settings_change_each_write_their_blocks_once_and_the_log_verifies()
    {
        var deployed = await ConvergeAsync(d => d.Status?.Version == "1.0.0" && Has(d, "Ready"));
        var canister = Principal.Parse(deployed.Status!.CanisterId!);
        var install = log.Blocks.ToList();
        Assert.Equal([Icrc121BlockTypes.UpgradeTo, Icrc121BlockTypes.UpgradeFinished], install.Select(b => b.BlockType));
        var upgradeTo = install[0].Transaction!;
        Assert.Equal(Icrc3Value.Blob(Convert.FromHexString(Sha(v1))), upgradeTo.Find("hash"));
        Assert.Equal(Icrc3Value.Blob(Candid.CandidEncoder.Encode([])), upgradeTo.Find("args"));
        Assert.Equal(Icrc3Value.Blob(Principal.Parse(operatorPrincipal).ToByteArray()), upgradeTo.Find("caller"));
        Assert.Equal(Icrc3Value.Blob(canister.ToByteArray()), upgradeTo.Find("canister_id"));
        Assert.Equal(Icrc3Value.Text("Success"), install[1].Transaction!.Find("result"));

        await SetSpec(new JsonObject { ["template"] = new JsonObject { ["version"] = "2.0.0" } });
        var upgraded = await ConvergeAsync(d => d.Status?.Version == "2.0.0" && Has(d, "Ready"));
        var upgrade = log.Blocks.Skip(install.Count).ToList();
        Assert.Equal(
            [Icrc121BlockTypes.UpgradeTo, Icrc121BlockTypes.Stop, Icrc121BlockTypes.Snapshot, Icrc121BlockTypes.Start, Icrc121BlockTypes.SnapshotFinished, Icrc121BlockTypes.UpgradeFinished],
            upgrade.Select(b => b.BlockType));
        Assert.Equal(1, ic.Counters.Calls(UpgraderCalls.UpgradeMethod)); // the stop, snapshot, install and start: one call to the network's upgrader
        Assert.Equal(Icrc3Value.Nat(1), upgrade[0].Transaction!.Find("snapshot"));
        Assert.Equal(Icrc3Value.Nat(1), upgrade[0].Transaction!.Find("stop"));
        Assert.Equal(Icrc3Value.Nat(1_000_000_000), upgrade[0].Transaction!.Find("timeout"));
        Assert.Equal(Icrc3Value.Blob(Convert.FromHexString(upgraded.Status!.LastOperation!.SnapshotId!)), upgrade[4].Transaction!.Find("snapshot_id"));

        await SetSpec(new JsonObject { ["template"] = new JsonObject { ["version"] = "3.0.0" } });
        await ConvergeAsync(d => Has(d, "Stalled"));
        var failed = log.Blocks.Skip(install.Count + upgrade.Count).ToList();
        Assert.Equal(Icrc121BlockTypes.UpgradeTo, failed[0].BlockType);
        Assert.Contains(Icrc121BlockTypes.RevertSnapshot, failed.Select(b => b.BlockType));
        Assert.Equal(Icrc3Value.Text("Success"), failed.Single(b => b.BlockType == Icrc121BlockTypes.RevertResult).Transaction!.Find("result"));
        var finished = failed[^1];
        Assert.Equal(Icrc121BlockTypes.UpgradeFinished, finished.BlockType);
        Assert.Equal(Icrc3Value.Text("Failed"), finished.Transaction!.Find("result"));
        Assert.StartsWith("RolledBack", ((Icrc3Text)finished.Transaction.Find("error")!).Value);

        var before = log.Blocks.Count;
        await SetSpec(new JsonObject { ["settings"] = new JsonObject { ["freezingThreshold"] = 86_400 }, ["template"] = new JsonObject { ["version"] = "2.0.0" } });
        await ConvergeAsync(d => Has(d, "Ready") && log.Blocks.Skip(before).Any(b => b.BlockType == Icrc121BlockTypes.Config));
        var config = log.Blocks.Skip(before).Single(b => b.BlockType == Icrc121BlockTypes.Config);
        Assert.Equal(Icrc3Value.Nat(86_400), config.Transaction!.Require("configs", "config").AsMap("configs").Find("sys:freezing_threshold"));

        Assert.All(log.Writers, w => Assert.Equal(operatorPrincipal, w.ToString()));
        var status = (await kube.Client.GetAsync(OperatorResources.CanisterDeployments, "web", "default")).Status!.AuditLog!;
        Assert.Equal(log.Canister.ToString(), status.LogCanisterId);
        Assert.Equal(log.Blocks.Count - 1, status.LastBlockIndex);
        Assert.Null(status.Pending);
        Assert.Equal(log.Blocks.Count(b => b.BlockType == Icrc121BlockTypes.UpgradeTo), metrics.AuditBlocks.WithLabels(Icrc121BlockTypes.UpgradeTo).Value);

        var verification = await AuditLogVerifier.VerifyAsync(log, Verifier(), default);
        Assert.Empty(verification.Problems);
        Assert.Equal(log.Blocks.Count - 1, verification.Tip!.LastBlockIndex);
    }

    [Fact]
    public async Task Restart_between_a_block_and_its_step_neither_loses_nor_repeats_a_block()
    {
        await ConvergeAsync(d => d.Status?.Version == "1.0.0" && Has(d, "Ready"));
        var first = log.Blocks.Count;

        // The snapshot is announced, the answer is lost: the operator dies before taking the snapshot.
        log.LoseAnswerOnce = b => b.BlockType == Icrc121BlockTypes.Snapshot;
        // The snapshot is taken, the operator dies before its result block is sent.
        log.FailBeforeStoringOnce = b => b.BlockType == Icrc121BlockTypes.SnapshotFinished;
        await SetSpec(new JsonObject { ["template"] = new JsonObject { ["version"] = "2.0.0" } });
        var upgraded = await ConvergeAsync(d => d.Status?.Version == "2.0.0" && Has(d, "Ready"));

        Assert.Null(log.LoseAnswerOnce);
        Assert.Null(log.FailBeforeStoringOnce);
        Assert.Equal(
            [Icrc121BlockTypes.UpgradeTo, Icrc121BlockTypes.Stop, Icrc121BlockTypes.Snapshot, Icrc121BlockTypes.Start, Icrc121BlockTypes.SnapshotFinished, Icrc121BlockTypes.UpgradeFinished],
            log.BlockTypes.Skip(first));
        Assert.Equal(1, ic.Counters.Calls(UpgraderCalls.UpgradeMethod)); // announced, sent and read back once across the restarts
        Assert.Single(ic.GetCanister(Principal.Parse(upgraded.Status!.CanisterId!))!.Snapshots);
        Assert.Empty((await AuditLogVerifier.VerifyAsync(log, Verifier(), default)).Problems);
    }

    [Fact]
    public async Task Verification_rejects_an_altered_block_and_a_forged_tip_certificate()
    {
        await ConvergeAsync(d => d.Status?.Version == "1.0.0" && Has(d, "Ready"));
        var blocks = log.Blocks;
        log.TipHash = blocks[^1].Hash();
        var altered = blocks[0].Fields.Entries.Select(e => (e.Key, e.Key == "ts" ? Icrc3Value.Nat(1) : e.Value));
        log.Overwrite(0, Icrc3Value.Map(altered));

        var tampered = await AuditLogVerifier.VerifyAsync(log, Verifier(), default);

        Assert.Contains(tampered.Problems, p => p.StartsWith("block 1: phash", StringComparison.Ordinal));
        log.Overwrite(0, blocks[0].Block);
        Assert.Empty((await AuditLogVerifier.VerifyAsync(log, Verifier(), default)).Problems);

        log.Forger = BlsSecretKey.FromBytes(Enumerable.Range(9, 32).Select(i => (byte)i).ToArray());
        var forged = await AuditLogVerifier.VerifyAsync(log, Verifier(), default);

        Assert.Contains(forged.Problems, p => p.StartsWith("tip certificate:", StringComparison.Ordinal));
        var report = new StringWriter();
        AuditReport.Write(report, log.Canister.ToString(), forged, null);
        Assert.Contains("VERIFICATION FAILED", report.ToString());
    }

    private static CertificateVerifier Verifier() => new(new CertificateVerifierOptions { RootKey = SubnetKey.PublicKeyDer, SignatureVerifier = new Bls12381SignatureVerifier() });

    [Fact]
    public async Task A_canister_created_before_the_upgrader_gets_it_as_a_controller_in_a_config_block_then_upgrades_through_it()
    {
        // The deployment's canister is created while the network has no shared store, so not with the upgrader among its controllers.
        await SetNetworkSpec(new JsonObject { ["sharedChunkStore"] = false });
        var deployed = await ConvergeAsync(d => d.Status?.Version == "1.0.0" && Has(d, "Ready"));
        var canister = Principal.Parse(deployed.Status!.CanisterId!);
        await SetNetworkSpec(new JsonObject { ["sharedChunkStore"] = true });
        await ConvergeAsync(_ => kube.Client.GetAsync(OperatorResources.IcNetworks, "local", "default").GetAwaiter().GetResult()
            .Status?.ChunkStores.Any(s => s.UpgraderModuleHash is not null) == true);
        var upgrader = Principal.Parse((await kube.Client.GetAsync(OperatorResources.IcNetworks, "local", "default")).Status!.ChunkStores.Single().CanisterId!);
        ic.GetCanister(canister)!.Settings.Controllers.Should().NotContain(upgrader);
        var first = log.Blocks.Count;

        await SetSpec(new JsonObject { ["template"] = new JsonObject { ["version"] = "2.0.0" } });
        await ConvergeAsync(d => d.Status?.Version == "2.0.0" && Has(d, "Ready"));

        var upgrade = log.Blocks.Skip(first).ToList();
        Assert.Equal(
            [Icrc121BlockTypes.UpgradeTo, Icrc121BlockTypes.Config, Icrc121BlockTypes.Stop, Icrc121BlockTypes.Snapshot, Icrc121BlockTypes.Start, Icrc121BlockTypes.SnapshotFinished, Icrc121BlockTypes.UpgradeFinished],
            upgrade.Select(b => b.BlockType));
        var controllers = upgrade[1].Transaction!.Require("configs", "config").AsMap("configs").Find("sys:controllers");
        Assert.Equal(
            Icrc3Value.Array([.. new[] { Principal.Parse(operatorPrincipal), upgrader }.OrderBy(p => p.ToString(), StringComparer.Ordinal).Select(p => Icrc3Value.Blob(p.ToByteArray()))]),
            controllers);
        ic.GetCanister(canister)!.Settings.Controllers.Should().Contain(upgrader);
        Assert.Equal(1, ic.Counters.Calls(UpgraderCalls.UpgradeMethod));
        Assert.Empty((await AuditLogVerifier.VerifyAsync(log, Verifier(), default)).Problems);
    }

    private Task SetNetworkSpec(JsonObject spec) =>
        kube.Client.PatchAsync(OperatorResources.IcNetworks, "local", "default", KubePatch.Merge(new JsonObject { ["spec"] = spec }));

    private Task SetSpec(JsonObject spec) => bed.SetSpecAsync(spec);

    /// <summary>One reconcile of every resource by an operator started from nothing; a failed reconcile is a crash.</summary>
    private Task ReconcileWithFreshOperator() =>
        new FreshOperator(kube.Client) { Metrics = metrics, AuditLogs = log, DiedWith = e => e is HttpRequestException && e.Message.StartsWith("injected", StringComparison.Ordinal) }.ReconcileAllAsync();

    private async Task<CanisterDeployment> ConvergeAsync(Func<CanisterDeployment, bool> done)
    {
        for (var restart = 0; restart < 80; restart++)
        {
            await ReconcileWithFreshOperator();
            var deployment = await kube.Client.GetAsync(OperatorResources.CanisterDeployments, "web", "default");
            if (done(deployment))
            {
                return deployment;
            }
        }

        throw new InvalidOperationException($"the deployment did not converge within 80 restarts; blocks so far: {string.Join(", ", log.BlockTypes)}");
    }
}
