using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using IcOperator.Agent.Identities;
using IcOperator.Agent.Transport;
using IcOperator.Api;
using IcOperator.Api.V1Alpha1;
using IcOperator.Candid;
using IcOperator.Controllers;
using IcOperator.Emulators.Ic;
using IcOperator.Emulators.Ic.Modules;
using IcOperator.Kube.Client;
using IcOperator.Kube.Events;
using IcOperator.Kube.Resources;
using IcOperator.Observability;
using IcOperator.Wasm;
using Microsoft.Extensions.Logging.Abstractions;

namespace IcOperator.Tests.Controllers;

/// <summary>
/// A fresh operator (new agent, new caches, nothing in memory) for every single reconcile: the
/// operator is "restarted" at every step boundary of deploy, upgrade and rollback, and must still
/// converge with one canister, one install per version and no lost snapshot.
/// </summary>
public sealed class RestartSafetyTests : IAsyncLifetime
{
    private KubeEnvironment kube = null!;
    private IcEmulator ic = null!;
    private Principal operatorPrincipal = null!;
    private readonly byte[] v1 = Module("(variant { ok })", 1);
    private readonly byte[] v2 = Module("(variant { ok })", 2);
    private readonly byte[] v3 = Module("(variant { degraded })", 3);

    public async Task InitializeAsync()
    {
        kube = await KubeEnvironment.StartAsync();
        ic = await IcEmulator.StartAsync();
        using var identity = Ed25519Identity.Generate();
        operatorPrincipal = identity.Sender;
        await kube.Client.CreateAsync(CoreResources.Secrets, new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "identity", NamespaceProperty = "default" },
            Data = new Dictionary<string, byte[]> { ["identity.pem"] = Encoding.UTF8.GetBytes(identity.ExportPkcs8Pem()) },
        });
        await kube.Client.CreateAsync(OperatorResources.IcNetworks, new IcNetwork
        {
            Metadata = new V1ObjectMeta { Name = "local", NamespaceProperty = "default" },
            Spec = new IcNetworkSpec { Url = ic.Url.ToString(), RootKey = "fetch", Identity = new IdentitySource { SecretRef = new KeyReference { Name = "identity", Key = "identity.pem" } } },
        });
        await kube.Client.CreateAsync(OperatorResources.WasmTemplates, new WasmTemplate
        {
            Metadata = new V1ObjectMeta { Name = "app", NamespaceProperty = "default" },
            Spec = new WasmTemplateSpec
            {
                Versions = [.. new[] { ("1.0.0", v1), ("2.0.0", v2), ("3.0.0", v3) }.Select(v => new WasmVersion
                {
                    Version = v.Item1,
                    Sha256 = Sha(v.Item2),
                    Source = new WasmSource { Inline = Convert.ToBase64String(v.Item2) },
                })],
            },
        });
    }

    /// <summary>
    /// The network's chunk store (on by default) converged with restarts, then the deployment: each test counts the
    /// store canister explicitly, so "no orphan canister" means the deployment's one canister and the one store.
    /// </summary>
    private async Task StartWithChunkStoreAsync()
    {
        await ConvergeChunkStoreAsync();
        await kube.Client.CreateAsync(OperatorResources.CanisterDeployments, new CanisterDeployment
        {
            Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "default" },
            Spec = new CanisterDeploymentSpec
            {
                NetworkRef = new LocalObjectReference { Name = "local" },
                Template = new TemplateVersionReference { Name = "app", Version = "1.0.0" },
                Upgrade = new UpgradePolicy { HealthCheck = new HealthCheck { Method = "health", Expect = "(variant { ok })", Timeout = "1s" } },
            },
        });
    }

    public async Task DisposeAsync()
    {
        await ic.DisposeAsync();
        await kube.DisposeAsync();
    }

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static byte[] Module(string health, int label) =>
        new TestModuleBuilder().WithQuery("health", health).WithLabel($"v{label}").WithInit(new LifecycleBehavior { State = new Dictionary<string, string> { ["seed"] = "(\"kept\")" } }).Build();

    /// <summary>One reconcile of every resource by an operator started from nothing, then thrown away.</summary>
    private async Task ReconcileWithFreshOperator()
    {
        var cache = Directory.CreateTempSubdirectory("restart-cache-");
        try
        {
            using var http = new HttpClient();
            using var connections = new NetworkConnections(kube.Client);
            await using var events = new EventRecorder(kube.Client, new EventRecorderOptions { ReportingController = "ic-operator" });
            var metrics = new OperatorMetrics(Prometheus.Metrics.NewCustomRegistry());
            var store = new VerifiedModuleStore(new WasmFetcher(http, new KubeConfigMapSource(kube.Client), new WasmFetchOptions()), new WasmCache(cache.FullName, NullLogger<WasmCache>.Instance), NullLogger<VerifiedModuleStore>.Instance);
            try
            {
                // The network creates its chunk store; a create whose outcome is lost stops this operator like any other.
                await new IcNetworkController(kube.Client, connections, events, TimeProvider.System, NullLogger<IcNetworkController>.Instance)
                    .ReconcileAsync(await kube.Client.GetAsync(OperatorResources.IcNetworks, "local", "default"), default);
                await new WasmTemplateController(kube.Client, store, events, metrics, TimeProvider.System, NullLogger<WasmTemplateController>.Instance)
                    .ReconcileAsync(await kube.Client.GetAsync(OperatorResources.WasmTemplates, "app", "default"), default);
                if (await kube.Client.TryGetAsync(OperatorResources.CanisterDeployments, "web", "default") is { } deployment)
                {
                    await new CanisterDeploymentController(kube.Client, connections, store, events, metrics, TimeProvider.System, NullLogger<CanisterDeploymentController>.Instance)
                        .ReconcileAsync(deployment, default);
                }
            }
            catch (IcCallOutcomeUnknownException)
            {
                // The host would log it and requeue; here the operator is thrown away, as if it had stopped.
            }
        }
        finally
        {
            cache.Delete(recursive: true);
        }
    }

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

    /// <summary>The canisters on the IC are exactly <paramref name="canister"/> and the network's one chunk store: no orphan.</summary>
    private async Task ExactlyTheCanisterAndTheStoreAsync(Principal canister, string because)
    {
        var network = await kube.Client.GetAsync(OperatorResources.IcNetworks, "local", "default");
        var store = network.Status!.ChunkStores.Should().ContainSingle("one store per network and subnet").Which;
        ic.GetCanisters().Select(c => c.Id).Should().BeEquivalentTo([canister, Principal.Parse(store.CanisterId!)], because);
    }

    private static bool Has(CanisterDeployment d, string type) =>
        d.Status?.Conditions.Any(c => c.Type == type && c.Status == ConditionStatus.True && c.ObservedGeneration == d.Metadata.Generation) == true;

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
        if (source == CyclesSource.CyclesLedger)
        {
            ic.MintCycles(operatorPrincipal, 100_000_000_000_000);
            await kube.Client.PatchAsync(OperatorResources.IcNetworks, "local", "default", KubePatch.Merge(new JsonObject { ["spec"] = new JsonObject { ["cycles"] = new JsonObject { ["source"] = "cyclesLedger" } } }));
        }

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

        ic.Faults.DropResponses("take_canister_snapshot", attempts);
        ic.Faults.DropResponses("install_chunked_code", attempts);
        seen.Clear();
        var snapshotsTaken = ic.Counters.Calls("take_canister_snapshot");
        await SetVersion("2.0.0");
        var upgraded = await ConvergeAsync(d => d.Status?.Version == "2.0.0" && Has(d, "Ready"), d => NoteRecordedCalls(d, seen));

        seen.Should().Contain(["take_canister_snapshot", "install_chunked_code"]);
        ic.Counters.Calls("take_canister_snapshot").Should().Be(snapshotsTaken + 1, "the lost snapshot is found and recorded, not taken again");
        var held = ic.GetCanister(canister)!.Snapshots.Select(s => Convert.ToHexStringLower(s.Id)).ToList();
        held.Should().ContainSingle().Which.Should().Be(upgraded.Status!.LastOperation!.SnapshotId);
        upgraded.Status.Snapshots.Select(s => s.Id).Should().Equal(held);
        Installs(canister, v2).Should().Be(1);
        upgraded.Status.LastOperation.Call.Should().BeNull("no request is left in flight");
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
        if (source == CyclesSource.CyclesLedger)
        {
            ic.MintCycles(operatorPrincipal, 100_000_000_000_000);
            await kube.Client.PatchAsync(OperatorResources.IcNetworks, "local", "default", KubePatch.Merge(new JsonObject { ["spec"] = new JsonObject { ["cycles"] = new JsonObject { ["source"] = "cyclesLedger" } } }));
        }

        ic.Faults.DropResponses(createMethod, new HttpAgentOptions { Url = ic.Url }.MaxAttempts);
        var (store, operators) = await ConvergeChunkStoreAsync();

        operators.Should().BeGreaterThan(1, "the first operator lost the create's response and stopped");
        ic.Counters.CanistersCreated.Should().Be(1);
        ic.GetCanisters().Should().ContainSingle("the restarted operator read the lost create back instead of creating a second store").Which.Id.Should().Be(store);
        (await kube.Client.GetAsync(OperatorResources.IcNetworks, "local", "default")).Status!.ChunkStores.Single().PendingCreate.Should().BeNull();
    }
}
