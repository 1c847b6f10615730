using System.Text.Json;
using System.Text.Json.Nodes;
using IcOperator.Agent.Bls;
using IcOperator.Agent.Certificates;
using IcOperator.Agent.Icrc121;
using IcOperator.Agent.Icrc3;
using IcOperator.Agent.Transport;
using IcOperator.Api;
using IcOperator.Api.V1Alpha1;
using IcOperator.Audit;
using IcOperator.Candid;
using IcOperator.ChunkStore;
using IcOperator.Controllers;
using IcOperator.Emulators.Ic;
using IcOperator.Kube.Client;
using IcOperator.Observability;
using IcOperator.Testing;
using IcOperator.Tests.Controllers;

using static IcOperator.Tests.Controllers.OperatorTestBed;

namespace IcOperator.Tests.Audit;

/// <summary>
/// The operator writing the real Motoko log canister it deployed itself (<c>spec.auditLog.deploy</c>), running as
/// Wasm in the IC emulator, whose tip the emulator certifies: the blocks of a deploy, an upgrade, a rolled-back
/// upgrade and a settings change, read back over the IC's HTTP interface, by our verifier and by @icp-sdk/core.
/// </summary>
public sealed class AuditLogEndToEndTests : IAsyncLifetime
{
    private readonly byte[] v1 = Module("(variant { ok })", 1);
    private readonly byte[] v2 = Module("(variant { ok })", 2);
    private readonly byte[] v3 = Module("(variant { degraded })", 3);
    private readonly OperatorMetrics metrics = new(Prometheus.Metrics.NewCustomRegistry());
    private readonly DyingAuditLogs logs = new();
    private OperatorTestBed bed = null!;
    private KubeEnvironment kube = null!;
    private IcEmulator ic = null!;
    private HttpAgent reader = null!;

    public async Task InitializeAsync()
    {
        bed = await OperatorTestBed.StartAsync();
        (kube, ic) = (bed.Kube, bed.Ic);
        reader = new HttpAgent(new HttpAgentOptions { Url = ic.Url, RootKeySource = RootKeySource.Fetch, SignatureVerifier = new Bls12381SignatureVerifier() });
        await bed.CreateNetworkAsync(spec => spec with { AuditLog = new AuditLogSpec { Deploy = true } });
        await bed.CreateTemplateAsync("app", ("1.0.0", v1), ("2.0.0", v2), ("3.0.0", v3));
        await bed.CreateDeploymentAsync(install: new InstallOptions { Arg = "(\"hello\")" });
    }

    public async Task DisposeAsync()
    {
        reader.Dispose();
        await bed.DisposeAsync();
    }

    [Fact]
    public async Task Deploy_upgrade_rollback_and_settings_change_land_in_the_canister_once_each_and_its_certified_tip_verifies()
    {
        var deployed = await ConvergeAsync(d => d.Status?.Version == "1.0.0" && Has(d, "Ready"));
        var log = await LogCanisterAsync();
        var canister = Principal.Parse(deployed.Status!.CanisterId!);
        var install = await BlocksAsync(log);
        Assert.Equal([Icrc121BlockTypes.UpgradeTo, Icrc121BlockTypes.UpgradeFinished], install.Select(b => b.BlockType));
        var upgradeTo = install[0].Transaction!;
        Assert.Equal(Icrc3Value.Blob(Convert.FromHexString(Sha(v1))), upgradeTo.Find("hash"));
        Assert.Equal(Icrc3Value.Blob(CandidEncoder.EncodeOne(CandidType.Text, CandidValue.Text("hello"))), upgradeTo.Find("args"));
        Assert.Equal(Icrc3Value.Blob(bed.OperatorPrincipal.ToByteArray()), upgradeTo.Find("caller"));
        Assert.Equal(Icrc3Value.Blob(canister.ToByteArray()), upgradeTo.Find("canister_id"));

        await SetSpec(new JsonObject { ["template"] = new JsonObject { ["version"] = "2.0.0" } });
        await ConvergeAsync(d => d.Status?.Version == "2.0.0" && Has(d, "Ready"));
        Assert.Equal(
            [Icrc121BlockTypes.UpgradeTo, Icrc121BlockTypes.Stop, Icrc121BlockTypes.Snapshot, Icrc121BlockTypes.Start, Icrc121BlockTypes.SnapshotFinished, Icrc121BlockTypes.UpgradeFinished],
            (await BlocksAsync(log)).Skip(install.Count).Select(b => b.BlockType));

        var before = (await BlocksAsync(log)).Count;
        await SetSpec(new JsonObject { ["template"] = new JsonObject { ["version"] = "3.0.0" } });
        await ConvergeAsync(d => Has(d, "Stalled"));
        var failed = (await BlocksAsync(log)).Skip(before).ToList();
        Assert.Equal(
            [Icrc121BlockTypes.UpgradeTo, Icrc121BlockTypes.Stop, Icrc121BlockTypes.Snapshot, Icrc121BlockTypes.Start, Icrc121BlockTypes.SnapshotFinished,
             Icrc121BlockTypes.Stop, Icrc121BlockTypes.RevertSnapshot, Icrc121BlockTypes.RevertResult, Icrc121BlockTypes.Start, Icrc121BlockTypes.UpgradeFinished],
            failed.Select(b => b.BlockType));
        Assert.Equal(Icrc3Value.Text("Success"), failed[7].Transaction!.Find("result"));
        Assert.Equal(failed[4].Transaction!.Find("snapshot_id"), failed[6].Transaction!.Find("snapshot_id"));
        Assert.Equal(Icrc3Value.Text("Failed"), failed[^1].Transaction!.Find("result"));

        before += failed.Count;
        await SetSpec(new JsonObject { ["settings"] = new JsonObject { ["freezingThreshold"] = 86_400 }, ["template"] = new JsonObject { ["version"] = "2.0.0" } });
        await ConvergeAsync(d => Has(d, "Ready") && d.Status?.Version == "2.0.0");
        var config = (await BlocksAsync(log)).Skip(before).Single(b => b.BlockType == Icrc121BlockTypes.Config);
        Assert.Equal(Icrc3Value.Nat(86_400), config.Transaction!.Require("configs", "config").AsMap("configs").Find("sys:freezing_threshold"));

        var all = await BlocksAsync(log);
        var network = (await kube.Client.GetAsync(OperatorResources.IcNetworks, "local", "default")).Status!.AuditLog!;
        Assert.Equal(all.Count - 1, network.LastBlockIndex);
        Assert.Equal(AuditLogDeployment.NameFor("local"), network.Deployment);
        var trail = (await kube.Client.GetAsync(OperatorResources.CanisterDeployments, "web", "default")).Status!.AuditLog!;
        Assert.Equal(all.Count - 1, trail.LastBlockIndex);
        Assert.Null(trail.Pending);
        Assert.Equal(all.Count(b => b.BlockType == Icrc121BlockTypes.Stop), metrics.AuditBlocks.WithLabels(Icrc121BlockTypes.Stop).Value);

        var verification = await AuditLogVerifier.VerifyAsync(new Icrc3LogClient(reader, log), Verifier(), default);
        Assert.Empty(verification.Problems);
        Assert.Equal(all.Count - 1, verification.Tip!.LastBlockIndex);
        Assert.Equal(all[^1].Hash(), verification.Tip.LastBlockHash);
    }

    [Fact]
    public async Task Restart_between_a_block_and_its_step_neither_loses_nor_repeats_a_block_in_the_canister()
    {
        await ConvergeAsync(d => d.Status?.Version == "1.0.0" && Has(d, "Ready"));
        var log = await LogCanisterAsync();
        var first = (await BlocksAsync(log)).Count;

        // The canister stores the snapshot's announcement and the operator dies before hearing back, so the snapshot is
        // not taken yet; then the snapshot is taken and the operator dies before its result block is sent.
        logs.DieAfterAppending = b => b.BlockType == Icrc121BlockTypes.Snapshot;
        logs.DieBeforeAppending = b => b.BlockType == Icrc121BlockTypes.SnapshotFinished;
        await SetSpec(new JsonObject { ["template"] = new JsonObject { ["version"] = "2.0.0" } });
        var upgraded = await ConvergeAsync(d => d.Status?.Version == "2.0.0" && Has(d, "Ready"));

        Assert.Null(logs.DieAfterAppending);
        Assert.Null(logs.DieBeforeAppending);
        var blocks = await BlocksAsync(log);
        Assert.Equal(
            [Icrc121BlockTypes.UpgradeTo, Icrc121BlockTypes.Stop, Icrc121BlockTypes.Snapshot, Icrc121BlockTypes.Start, Icrc121BlockTypes.SnapshotFinished, Icrc121BlockTypes.UpgradeFinished],
            blocks.Skip(first).Select(b => b.BlockType));
        Assert.Equal(1, ic.Counters.Calls(UpgraderCalls.UpgradeMethod)); // announced, sent and read back once across the restarts
        Assert.Single(ic.GetCanister(Principal.Parse(upgraded.Status!.CanisterId!))!.Snapshots);
        Assert.Empty((await AuditLogVerifier.VerifyAsync(new Icrc3LogClient(reader, log), Verifier(), default)).Problems);
    }

    [RequiresToolFact("node", "@icp-sdk/core")]
    public async Task Icp_sdk_core_reads_the_same_log_and_verifies_its_tip_certificate()
    {
        await ConvergeAsync(d => d.Status?.Version == "1.0.0" && Has(d, "Ready"));
        await SetSpec(new JsonObject { ["template"] = new JsonObject { ["version"] = "2.0.0" } });
        await ConvergeAsync(d => d.Status?.Version == "2.0.0" && Has(d, "Ready"));
        var log = await LogCanisterAsync();
        var ours = await BlocksAsync(log);

        var run = (await ToolRun.RunAsync(PeerTools.Node!,
            [Path.Combine(TestPaths.RepoRoot, "tests", "IcOperator.Tests", "Audit", "icrc3-reader.cjs"), ic.Url.ToString().TrimEnd('/'), log.ToString()],
            environment: new Dictionary<string, string> { ["NODE_PATH"] = PeerTools.NodeModules })).ShouldSucceed();

        var theirs = JsonDocument.Parse(run.Stdout.Trim().Split('\n')[^1]).RootElement;
        Assert.Empty(theirs.GetProperty("problems").EnumerateArray());
        Assert.Equal(ours.Count, theirs.GetProperty("blockCount").GetInt32());
        Assert.Equal(Convert.ToHexStringLower(ours[^1].Hash()), theirs.GetProperty("tipHash").GetString());
        Assert.Equal(ours.Count - 1, theirs.GetProperty("certified").GetProperty("lastBlockIndex").GetInt32());
        Assert.Equal(ours.Select(b => b.BlockType), theirs.GetProperty("blockTypes").EnumerateArray().Select(t => t.GetString()));
    }

    private CertificateVerifier Verifier() => new(new CertificateVerifierOptions { RootKey = ic.RootKeyDer, SignatureVerifier = new Bls12381SignatureVerifier() });

    private async Task<Principal> LogCanisterAsync() =>
        Principal.Parse((await kube.Client.GetAsync(OperatorResources.IcNetworks, "local", "default")).Status!.AuditLog!.CanisterId!);

    private Task<IReadOnlyList<Icrc3Block>> BlocksAsync(Principal log) => new Icrc3LogClient(reader, log).ReadAllAsync();

    private Task SetSpec(JsonObject spec) => bed.SetSpecAsync(spec);

    /// <summary>One reconcile of every resource by an operator started from nothing; a reconcile that throws is a crash.</summary>
    private Task ReconcileWithFreshOperator() =>
        new FreshOperator(kube.Client) { Metrics = metrics, AuditLogs = logs, DiedWith = e => e is OperatorDiedException }.ReconcileAllAsync();

    private async Task<CanisterDeployment> ConvergeAsync(Func<CanisterDeployment, bool> done)
    {
        for (var restart = 0; restart < 80; restart++)
        {
            await ReconcileWithFreshOperator();
            var deployment = await kube.Client.GetAsync(OperatorResources.CanisterDeployments, "web", "default");
            if (done(deployment))
            {
                // The network reads the log's tip on its own reconcile, after the step that wrote it.
                await ReconcileWithFreshOperator();
                return deployment;
            }
        }

        throw new InvalidOperationException("the deployment did not converge within 80 restarts");
    }

    /// <summary>The real log canisters, with an operator that dies once before or after an append the test picks.</summary>
    private sealed class DyingAuditLogs : IAuditLogs
    {
        public Func<OrchestrationBlock, bool>? DieAfterAppending { get; set; }

        public Func<OrchestrationBlock, bool>? DieBeforeAppending { get; set; }

        public IAuditLog Open(NetworkConnection network, Principal logCanister) => new DyingLog(this, AuditLogCanisters.Instance.Open(network, logCanister));

        private sealed class DyingLog(DyingAuditLogs faults, IAuditLog log) : IAuditLog
        {
            public async Task<ulong> AppendAsync(string key, OrchestrationBlock block, CancellationToken cancellationToken)
            {
                if (faults.DieBeforeAppending?.Invoke(block) == true)
                {
                    faults.DieBeforeAppending = null;
                    throw new OperatorDiedException($"before appending {block.BlockType}");
                }

                var index = await log.AppendAsync(key, block, cancellationToken);
                if (faults.DieAfterAppending?.Invoke(block) == true)
                {
                    faults.DieAfterAppending = null;
                    throw new OperatorDiedException($"after appending {block.BlockType} as block {index}");
                }

                return index;
            }
        }
    }

    private sealed class OperatorDiedException(string when) : Exception($"the operator died {when}");
}
