using System.Text.Json.Nodes;
using IcOperator.Agent.Transport;
using IcOperator.Api;
using IcOperator.Api.V1Alpha1;
using IcOperator.Candid;
using IcOperator.ChunkStore;
using IcOperator.Emulators.Ic;
using IcOperator.Kube.Client;

using static IcOperator.Tests.Controllers.OperatorTestBed;

namespace IcOperator.Tests.Controllers;

/// <summary>
/// A fresh operator (new agent, new caches, nothing in memory) for every single reconcile: the
/// operator is "restarted" at every step boundary of deploy, upgrade and rollback, and must still
/// converge with one canister, one install per version and no lost snapshot.
/// </summary>
public sealed class RestartSafetyTests : IAsyncLifetime
{
    private OperatorTestBed bed = null!;
    private KubeEnvironment kube = null!;
    private IcEmulator ic = null!;
    private Principal operatorPrincipal = null!;
    private readonly byte[] v1 = Module("(variant { ok })", 1);
    private readonly byte[] v2 = Module("(variant { ok })", 2);
    private readonly byte[] v3 = Module("(variant { degraded })", 3);

    public async Task InitializeAsync()
    {
        bed = await OperatorTestBed.StartAsync();
        (kube, ic, operatorPrincipal) = (bed.Kube, bed.Ic, bed.OperatorPrincipal);
        await bed.CreateNetworkAsync();
        await bed.CreateTemplateAsync("app", ("1.0.0", v1), ("2.0.0", v2), ("3.0.0", v3));
    }

    /// <summary>
    /// The network's chunk store (on by default) converged with restarts, then the deployment: each test counts the
    /// store canister explicitly, so "no orphan canister" means the deployment's one canister and the one store.
    /// </summary>
    private async Task StartWithChunkStoreAsync()
    {
        await ConvergeChunkStoreAsync();
        await bed.CreateDeploymentAsync();
    }

    public async Task DisposeAsync() => await bed.DisposeAsync();

    /// <summary>One reconcile of every resource by an operator started from nothing, then thrown away.</summary>
    private Task ReconcileWithFreshOperator() =>
        // The host would log a call whose outcome is unknown and requeue; here the operator is thrown away, as if it had stopped.
        new FreshOperator(kube.Client) { DiedWith = e => e is IcCallOutcomeUnknownException }.ReconcileAllAsync();

    private async Task<CanisterDeployment> ConvergeAsync(Func<CanisterDeployment, bool> done, Action<CanisterDeployment>? betweenRestarts = null)
    {
        for (var restart = 0; restart < 60; restart++)
        {
            await ReconcileWithFreshOperator();
            var deployment = await kube.Client.GetAsync(OperatorResources.CanisterDeployments, "web", "default");
            betweenRestarts?.Invoke(deployment);
            if (done(deployment))
            {
                return deployment;
            }
        }

        throw new InvalidOperationException("the deployment did not converge within 60 restarts");
    }

    /// <summary>Restarts the operator until the network has recorded its chunk-store canister; gives that canister and the operators it took.</summary>
    private async Task<(Principal Store, int Operators)> ConvergeChunkStoreAsync()
    {
        for (var restart = 0; restart < 60; restart++)
        {
            await ReconcileWithFreshOperator();
            if ((await kube.Client.GetAsync(OperatorResources.IcNetworks, "local", "default")).Status?.ChunkStores?.SingleOrDefault()?.CanisterId is { } store)
            {
                return (Principal.Parse(store), restart + 1);
            }
        }

        throw new InvalidOperationException("the network's chunk store did not converge within 60 restarts");
    }

    /// <summary>Has the network pay for creates from <paramref name="source"/>: through the cycles ledger, from a minted balance.</summary>
    private async Task UseCyclesSourceAsync(CyclesSource source)
    {
        if (source == CyclesSource.CyclesLedger)
        {
            ic.MintCycles(operatorPrincipal, 100_000_000_000_000);
            await kube.Client.PatchAsync(OperatorResources.IcNetworks, "local", "default", KubePatch.Merge(new JsonObject { ["spec"] = new JsonObject { ["cycles"] = new JsonObject { ["source"] = "cyclesLedger" } } }));
        }
    }

    /// <summary>The canisters on the IC are exactly <paramref name="canister"/> and the network's one chunk store: no orphan.</summary>
    private async Task ExactlyTheCanisterAndTheStoreAsync(Principal canister, string because)
    {
        var network = await kube.Client.GetAsync(OperatorResources.IcNetworks, "local", "default");
        var store = network.Status!.ChunkStores.Should().ContainSingle("one store per network and subnet").Which;
        ic.GetCanisters().Select(c => c.Id).Should().BeEquivalentTo([canister, Principal.Parse(store.CanisterId!)], because);
    }

    private int Installs(Principal canister, byte[] module) =>
        ic.GetCanister(canister)!.History.Count(c => c.Mode is not null && c.ModuleHash is not null && Convert.ToHexStringLower(c.ModuleHash) == Sha(module));

    private Task SetVersion(string version) =>
        kube.Client.PatchAsync(OperatorResources.CanisterDeployments, "web", "default", KubePatch.Merge(new JsonObject { ["spec"] = new JsonObject { ["template"] = new JsonObject { ["version"] = version } } }));

    [Fact]
    public async Task Deploy_upgrade_and_rollback_converge_when_the_operator_restarts_at_every_step()
    {
        await StartWithChunkStoreAsync();
        var deployed = await ConvergeAsync(d => Has(d, "Ready"));
        var canister = Principal.Parse(deployed.Status!.CanisterId!);
        await ExactlyTheCanisterAndTheStoreAsync(canister, "a restart never creates a second canister");
        Installs(canister, v1).Should().Be(1);

        await SetVersion("2.0.0");
        var upgraded = await ConvergeAsync(d => d.Status?.Version == "2.0.0" && Has(d, "Ready"));
        Installs(canister, v2).Should().Be(1, "an upgrade that happened is seen in the module hash and not repeated");
        var snapshot = upgraded.Status!.LastOperation!.SnapshotId;
        ic.GetCanister(canister)!.Snapshots.Select(s => Convert.ToHexStringLower(s.Id)).Should().Contain(snapshot);

        await SetVersion("3.0.0");
        var rolledBack = await ConvergeAsync(d => Has(d, "Stalled"));
        rolledBack.Status!.FailedVersion.Should().Be("3.0.0");
        rolledBack.Status.Version.Should().Be("2.0.0");
        Installs(canister, v3).Should().Be(1, "a failed version is not retried");
        Convert.ToHexStringLower(ic.GetCanister(canister)!.ModuleHash!).Should().Be(Sha(v2));
        ic.GetCanister(canister)!.State["seed"].Should().NotBeEmpty("the state is restored with the snapshot");
        await ExactlyTheCanisterAndTheStoreAsync(canister, "no restart created another canister");

        await ReconcileWithFreshOperator();
        Installs(canister, v3).Should().Be(1, "a stalled deployment stays stalled after another restart");
    }

    /// <summary>The recorded calls a restarted operator found in status, by method (create_canister: a pending created_at_time).</summary>
    private static void NoteRecordedCalls(CanisterDeployment deployment, ISet<string> seen)
    {
        if (deployment.Status?.PendingCreate is { } pending)
        {
            seen.Add(pending.Call?.Method ?? (pending.CreatedAtTime is not null ? "create_canister" : "pendingCreate"));
        }

        if (deployment.Status?.LastOperation?.Call is { } call)
        {
            seen.Add(call.Method);
        }
    }

    [Theory]
    [InlineData(CyclesSource.Provisional, "provisional_create_canister_with_cycles")]
    [InlineData(CyclesSource.CyclesLedger, "create_canister")]
    public async Task Lost_responses_of_create_install_and_snapshot_converge_to_one_of_each(CyclesSource source, string createMethod)
    {
        await UseCyclesSourceAsync(source);

        await StartWithChunkStoreAsync();

        // Each call runs on the IC, but every response to it is lost: the operator that sent it never learns the
        // outcome and is thrown away between "request recorded" and "outcome recorded". Installs go through the store.
        var attempts = new HttpAgentOptions { Url = ic.Url }.MaxAttempts;
        ic.Faults.DropResponses(createMethod, attempts);
        ic.Faults.DropResponses("install_chunked_code", attempts);
        var seen = new HashSet<string>();
        var deployed = await ConvergeAsync(d => Has(d, "Ready"), d => NoteRecordedCalls(d, seen));

        seen.Should().Contain([createMethod, "install_chunked_code"], "each lost call was recorded in status before it was sent and found there after the restart");
        var canister = Principal.Parse(deployed.Status!.CanisterId!);
        await ExactlyTheCanisterAndTheStoreAsync(canister, "the lost create is read back, not repeated");
        ic.Counters.CanistersCreated.Should().Be(2, "the deployment's canister and the network's chunk store");
        Installs(canister, v1).Should().Be(1, "the lost install is seen in the module hash, not repeated");
        deployed.Status.PendingCreate.Should().BeNull();
        Has(deployed, "Stalled").Should().BeFalse();

        // The upgrade is one call to the store's upgrader (stop, snapshot, install, start): its answer, with the snapshot id, is lost.
        ic.Faults.DropResponses(UpgraderCalls.UpgradeMethod, attempts);
        seen.Clear();
        var snapshotsTaken = ic.Counters.Calls("take_canister_snapshot");
        var upgradeCalls = ic.Counters.Calls(UpgraderCalls.UpgradeMethod);
        await SetVersion("2.0.0");
        var upgraded = await ConvergeAsync(d => d.Status?.Version == "2.0.0" && Has(d, "Ready"), d => NoteRecordedCalls(d, seen));

        seen.Should().Contain([UpgraderCalls.UpgradeMethod], "the upgrade request was recorded before it was sent and read back after the restart");
        ic.Counters.Calls(UpgraderCalls.UpgradeMethod).Should().Be(upgradeCalls + 1, "the lost upgrade is read back by its request id, never sent again");
        ic.Counters.Calls("take_canister_snapshot").Should().Be(snapshotsTaken + 1, "the snapshot is taken once and its id, read from the upgrader's answer, recorded");
        var held = ic.GetCanister(canister)!.Snapshots.Select(s => Convert.ToHexStringLower(s.Id)).ToList();
        held.Should().ContainSingle().Which.Should().Be(upgraded.Status!.LastOperation!.SnapshotId);
        upgraded.Status.Snapshots.Select(s => s.Id).Should().Equal(held);
        Installs(canister, v2).Should().Be(1);
        upgraded.Status.LastOperation.Call.Should().BeNull("no request is left in flight");
    }

    [Theory]
    [InlineData(CyclesSource.Provisional, "provisional_create_canister_with_cycles")]
    [InlineData(CyclesSource.CyclesLedger, "create_canister")]
    public async Task A_lost_create_that_carried_settings_is_read_after_the_restart_and_converges_to_settings_changed_meanwhile(CyclesSource source, string createMethod)
    {
        await UseCyclesSourceAsync(source);

        await ConvergeChunkStoreAsync();
        await bed.CreateDeploymentAsync();
        await bed.SetSpecAsync(new JsonObject { ["settings"] = new JsonObject { ["freezingThreshold"] = 0 } });
        ic.Faults.DropResponses(createMethod, new HttpAgentOptions { Url = ic.Url }.MaxAttempts);
        var interrupted = await ConvergeAsync(d => d.Status?.PendingCreate is not null && ic.Counters.CanistersCreated == 2);
        interrupted.Status!.CanisterId.Should().BeNull("the create's response was lost");
        ic.GetCanisters().Should().ContainSingle(c => c.Settings.FreezingThreshold == 0, "the create carried the spec's freezing threshold");

        // The spec changes before a restarted operator learns what the create did: what that create set is read, not assumed.
        await bed.SetSpecAsync(new JsonObject { ["settings"] = new JsonObject { ["freezingThreshold"] = 86_400 } });
        var deployed = await ConvergeAsync(d => Has(d, "Ready") && d.Status?.ObservedGeneration == d.Metadata.Generation);

        var canister = Principal.Parse(deployed.Status!.CanisterId!);
        await ExactlyTheCanisterAndTheStoreAsync(canister, "the lost create is read back, not repeated");
        ic.GetCanister(canister)!.Settings.FreezingThreshold.Should().Be(86_400, "canister_status showed the threshold the first create set, and update_settings replaced it");
    }

    [Fact]
    public async Task A_lost_ledger_create_is_retried_with_the_cycles_it_was_sent_with_after_initial_cycles_changed()
    {
        await UseCyclesSourceAsync(CyclesSource.CyclesLedger);
        await ConvergeChunkStoreAsync();
        await bed.CreateDeploymentAsync();
        await bed.SetSpecAsync(new JsonObject { ["create"] = new JsonObject { ["initialCycles"] = "3T" } });
        ic.Faults.DropResponses("create_canister", new HttpAgentOptions { Url = ic.Url }.MaxAttempts);
        var interrupted = await ConvergeAsync(d => d.Status?.PendingCreate is not null && ic.Counters.CanistersCreated == 2);
        interrupted.Status!.CanisterId.Should().BeNull("the create's response was lost");
        interrupted.Status.PendingCreate!.Cycles.Should().Be("3000000000000", "the amount is recorded with created_at_time before the call");
        var balance = ic.CyclesLedgerBalance(operatorPrincipal);

        // The ledger deduplicates a create by amount and created_at_time: a retry with the spec's new amount would be a
        // second transaction, and a second canister nobody records.
        await bed.SetSpecAsync(new JsonObject { ["create"] = new JsonObject { ["initialCycles"] = "4T" } });
        var deployed = await ConvergeAsync(d => Has(d, "Ready") && d.Status?.ObservedGeneration == d.Metadata.Generation);

        var canister = Principal.Parse(deployed.Status!.CanisterId!);
        await ExactlyTheCanisterAndTheStoreAsync(canister, "the retry was answered as a duplicate of the lost create");
        ic.CyclesLedgerBalance(operatorPrincipal).Should().Be(balance, "no second create was paid for");
        deployed.Status.PendingCreate.Should().BeNull();
    }

    [Fact]
    public async Task A_provisional_create_is_recognised_by_its_chosen_id_once_the_request_is_gone()
    {
        await StartWithChunkStoreAsync();
        ic.Faults.DropResponses("provisional_create_canister_with_cycles", new HttpAgentOptions { Url = ic.Url }.MaxAttempts);
        var interrupted = await ConvergeAsync(d => d.Status?.PendingCreate?.Call is not null);
        var pending = interrupted.Status!.PendingCreate!;
        pending.Call.Should().NotBeNull("the create request was recorded before it was sent");
        interrupted.Status.CanisterId.Should().BeNull("its response was lost");
        var chosen = Principal.Parse(pending.SpecifiedId!);
        ic.GetCanister(chosen).Should().NotBeNull("the create ran, at the id chosen before it was sent");

        // As when the IC has pruned the request's status: only the chosen id is left to go by.
        await kube.Client.PatchStatusAsync(OperatorResources.CanisterDeployments, "web", "default", KubePatch.Merge(new JsonObject { ["status"] = new JsonObject { ["pendingCreate"] = new JsonObject { ["call"] = null } } }));
        var deployed = await ConvergeAsync(d => Has(d, "Ready"));

        deployed.Status!.CanisterId.Should().Be(chosen.ToString());
        await ExactlyTheCanisterAndTheStoreAsync(chosen, "the canister at the chosen id is the one created");
    }

    [Theory]
    [InlineData(CyclesSource.Provisional, "provisional_create_canister_with_cycles")]
    [InlineData(CyclesSource.CyclesLedger, "create_canister")]
    public async Task A_lost_response_to_the_chunk_store_create_converges_to_one_store(CyclesSource source, string createMethod)
    {
        await UseCyclesSourceAsync(source);

        ic.Faults.DropResponses(createMethod, new HttpAgentOptions { Url = ic.Url }.MaxAttempts);
        var (store, operators) = await ConvergeChunkStoreAsync();

        operators.Should().BeGreaterThan(1, "the first operator lost the create's response and stopped");
        ic.Counters.CanistersCreated.Should().Be(1);
        ic.GetCanisters().Should().ContainSingle("the restarted operator read the lost create back instead of creating a second store").Which.Id.Should().Be(store);
        (await kube.Client.GetAsync(OperatorResources.IcNetworks, "local", "default")).Status!.ChunkStores.Single().PendingCreate.Should().BeNull();
    }
}
