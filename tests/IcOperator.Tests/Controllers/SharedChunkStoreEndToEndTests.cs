using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using IcOperator.Agent.Bls;
using IcOperator.Agent.Identities;
using IcOperator.Agent.Management;
using IcOperator.Agent.Transport;
using IcOperator.Api;
using IcOperator.Api.V1Alpha1;
using IcOperator.Candid;
using IcOperator.ChunkStore;
using IcOperator.Controllers;
using IcOperator.Emulators.Ic;
using IcOperator.Emulators.Ic.Faults;
using IcOperator.Emulators.Ic.Modules;
using IcOperator.Emulators.Ic.Rejects;
using IcOperator.Kube.Client;
using IcOperator.Kube.Resources;
using Microsoft.Extensions.Logging.Abstractions;

namespace IcOperator.Tests.Controllers;

/// <summary>
/// The shared chunk store on a network of two subnets: one store per subnet, each canister installed from the store
/// on its own subnet, and versions no deployment uses cleared out.
/// </summary>
public sealed class SharedChunkStoreEndToEndTests : IAsyncLifetime, IDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly DirectoryInfo cache = Directory.CreateTempSubdirectory("store-subnet-cache-");
    private readonly Ed25519Identity identity = Ed25519Identity.Generate();
    private KubeEnvironment kube = null!;
    private IcEmulator ic = null!;
    private OperatorControllers controllers = null!;
    private Task host = Task.CompletedTask;

    public async Task InitializeAsync()
    {
        kube = await KubeEnvironment.StartAsync();
        ic = await IcEmulator.StartAsync(new IcEmulatorOptions { SecondSubnet = true });
        controllers = new OperatorControllers(kube.Client, Prometheus.Metrics.NewCustomRegistry(), NullLoggerFactory.Instance, cache.FullName);
        host = Task.Run(() => controllers.RunAsync(stop.Token));
        await kube.Client.CreateAsync(CoreResources.Secrets, new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "identity", NamespaceProperty = "default" },
            Data = new Dictionary<string, byte[]> { ["identity.pem"] = Encoding.UTF8.GetBytes(identity.ExportPkcs8Pem()) },
        });
    }

    public void Dispose()
    {
        stop.Dispose();
        identity.Dispose();
    }

    public async Task DisposeAsync()
    {
        await stop.CancelAsync();
        await host;
        await controllers.DisposeAsync();
        await ic.DisposeAsync();
        await kube.DisposeAsync();
        cache.Delete(recursive: true);
    }

    [Fact]
    public async Task Each_subnet_gets_its_own_store_and_every_canister_installs_from_the_store_on_its_subnet()
    {
        var second = ic.SecondSubnetId!;
        var module = new TestModuleBuilder().WithQuery("get", "(\"x\")").WithSizeAtLeast(1_500_000).Build();
        await CreateNetworkAsync(shared: true);
        await using var server = await ModuleServer.StartAsync();
        await CreateTemplateAsync(server, ("1.0.0", module));
        await CreateDeploymentAsync("first", subnet: null);
        await CreateDeploymentAsync("second-a", subnet: second.ToString());
        await CreateDeploymentAsync("second-b", subnet: second.ToString());

        var deployments = new List<CanisterDeployment>();
        foreach (var name in new[] { "first", "second-a", "second-b" })
        {
            deployments.Add(await KubeEnvironment.EventuallyAsync(
                () => kube.Client.GetAsync(OperatorResources.CanisterDeployments, name, "default"),
                d => d.Status?.Conditions.Any(c => c.Type == ConditionTypes.Ready && c.Status == ConditionStatus.True) == true,
                TimeSpan.FromSeconds(60)));
        }

        // A deployment installs from a store before the upgrader goes into it, so the network is awaited apart.
        var network = await KubeEnvironment.EventuallyAsync(
            () => kube.Client.GetAsync(OperatorResources.IcNetworks, "local", "default"),
            n => n.Status?.ChunkStores is { Count: 2 } all && all.All(s => s.UpgraderModuleHash == UpgraderModule.Sha256Hex),
            TimeSpan.FromSeconds(60));
        var stores = network.Status!.ChunkStores;
        stores.Select(s => s.Subnet).Should().BeEquivalentTo([ic.SubnetId.ToString(), second.ToString()], "one store per subnet the network's canisters are on");
        network.Status.ChunkStore.Should().BeNull();
        foreach (var store in stores)
        {
            ic.SubnetOf(Principal.Parse(store.CanisterId!)).ToString().Should().Be(store.Subnet, "status names the subnet the store is on");
            ic.GetCanister(Principal.Parse(store.CanisterId!))!.ChunkHashes.Should().HaveCount(2, "each store holds the 1.5 MB module's two chunks");
        }

        foreach (var deployment in deployments)
        {
            var canister = Principal.Parse(deployment.Status!.CanisterId!);
            ic.SubnetOf(canister).ToString().Should().Be(deployment.Status.Subnet, "status records the canister's subnet");
            // A reconcile interrupted after recording a call (a status write that lost a race, say) reads that call's outcome
            // back by request id through the canister, as it must; what may not be read through it is the subnet.
            ic.Counters.ReadStates.Where(r => r.Through == canister && r.Roots.Any(root => root is not ("request_status" or "time"))).Should()
                .BeEmpty("the subnet follows from the ranges the id was chosen in, so nothing is read through the new canister");
            (deployment.Spec.Create.Subnet ?? ic.SubnetId.ToString()).Should().Be(deployment.Status.Subnet, "a canister is created on the subnet it asks for");
            Convert.ToHexStringLower(ic.GetCanister(canister)!.ModuleHash!).Should().Be(Convert.ToHexStringLower(SHA256.HashData(module)));
            ic.GetCanister(canister)!.ChunkHashes.Should().BeEmpty("the module went into the store on the canister's subnet, not into the canister");
        }

        // The emulator refuses a store on another subnet, so three chunked installs that all replied used the right stores.
        ic.Counters.Calls("install_chunked_code").Should().Be(3);
        ic.Counters.Calls("install_code").Should().Be(2, "only the upgrader went in in one message, into each subnet's store");
        ic.Counters.ChunkBytesReceived.Should().Be(2L * module.Length, "the module went up once per subnet");
        ic.GetCanisters().Should().HaveCount(5, "three deployed canisters and one store per subnet, no orphan");
    }

    [Fact]
    public async Task A_fresh_deploy_through_the_store_never_reads_the_canister_it_created_while_it_waits_for_the_store()
    {
        const int count = 4;
        var module = new TestModuleBuilder().WithQuery("health", "(variant { ok })").WithSizeAtLeast(1_500_000).Build();
        await CreateNetworkAsync(shared: true);
        await using var server = await ModuleServer.StartAsync();
        await CreateTemplateAsync(server, ("1.0.0", module));
        var before = ic.Counters.CallsByMethod;
        var names = Enumerable.Range(1, count).Select(i => $"app-{i}").ToList();
        foreach (var name in names)
        {
            await CreateDeploymentAsync(name, subnet: null, healthCheck: new HealthCheck { Method = "health", Expect = "(variant { ok })", Timeout = "1s" });
        }

        var canisters = new List<Principal>();
        foreach (var name in names)
        {
            canisters.Add(Principal.Parse((await ReadyAsync(name, "1.0.0")).Status!.CanisterId!));
        }

        // Each canister: created and installed from the store, never read: every wake while the store was created and
        // filled (the network's status writes) planned on what the create's reply implied.
        foreach (var canister in canisters)
        {
            ic.Counters.UpdateCalls.Where(c => c.Canister == canister).Select(c => c.Method).Should()
                .Equal(["provisional_create_canister_with_cycles", "install_chunked_code"], "canister {0} is created and installed once", canister);
        }

        var calls = ic.Counters.CallsByMethod.ToDictionary(c => c.Key, c => c.Value - before.GetValueOrDefault(c.Key), StringComparer.Ordinal);
        calls.GetValueOrDefault("canister_status").Should().Be(0, "neither the store nor a canister just created is read");
        calls["health"].Should().Be(count, "one health check per deploy");
        calls["install_chunked_code"].Should().Be(count);
        calls.GetValueOrDefault("install_code").Should().Be(1, "only the upgrader went in in one message, into the store");
        calls["upload_chunk"].Should().Be(2, "the module's two chunks went up once, into the store");
        // Besides the node keys each health query's canister is read for, /subnet is read once: the ranges every create chooses its id in.
        ic.Counters.ReadStates.Count(r => r.Roots.SequenceEqual(["subnet"]) && !canisters.Contains(r.Through)).Should().Be(1, "the network's canister ranges are read once for all creates");
    }

    [Fact]
    public async Task A_deployment_puts_its_version_into_the_store_listed_by_the_network_before_its_canister_exists_and_only_once()
    {
        var module = new TestModuleBuilder().WithQuery("health", "(variant { ok })").WithSizeAtLeast(1_500_000).Build();
        await CreateNetworkAsync(shared: true);
        await using var server = await ModuleServer.StartAsync();
        await CreateTemplateAsync(server, ("1.0.0", module));
        var network = await KubeEnvironment.EventuallyAsync(
            () => kube.Client.GetAsync(OperatorResources.IcNetworks, "local", "default"),
            n => n.Status?.ChunkStores.Any(s => s.CanisterId is not null && s.UpgraderModuleHash is not null) == true);
        var store = Principal.Parse(network.Status!.ChunkStores.Single().CanisterId!);
        await KubeEnvironment.EventuallyAsync(() => Task.FromResult(ic.Counters.Calls("stored_chunks")), listed => listed == 1);
        var before = ic.Counters.CallsByMethod;

        // Every create is refused, so no canister exists and no install step is reached: the store fills all the same.
        ic.Faults.RejectMethod("provisional_create_canister_with_cycles", new InjectedReject(IcRejectCode.SysTransient, IcErrorCode.CanisterRejectedMessage, "create refused by the test"));
        await CreateDeploymentAsync("app-1", subnet: null, healthCheck: new HealthCheck { Method = "health", Expect = "(variant { ok })", Timeout = "1s" });
        await KubeEnvironment.EventuallyAsync(() => Task.FromResult(StoredChunks(store)), held => ChunkHashes(module).All(held.Contains), TimeSpan.FromSeconds(60));
        (await kube.Client.GetAsync(OperatorResources.CanisterDeployments, "app-1", "default")).Status?.CanisterId.Should().BeNull("the version went up while the create was still refused");
        ic.Counters.Calls("install_chunked_code").Should().Be(before.GetValueOrDefault("install_chunked_code"), "nothing is installed without a canister");

        ic.Faults.ClearReject("provisional_create_canister_with_cycles");
        var deployed = await ReadyAsync("app-1", "1.0.0");
        var canister = Principal.Parse(deployed.Status!.CanisterId!);
        Convert.ToHexStringLower(ic.GetCanister(canister)!.ModuleHash!).Should().Be(Convert.ToHexStringLower(SHA256.HashData(module)));
        var calls = ic.Counters.CallsByMethod.ToDictionary(c => c.Key, c => c.Value - before.GetValueOrDefault(c.Key), StringComparer.Ordinal);
        calls["upload_chunk"].Should().Be(2, "the module's two chunks went up once, ahead of the install, which found them there");
        calls.GetValueOrDefault("stored_chunks").Should().Be(0, "the network listed its store once it was there; the upload went straight to the missing chunks");
        calls["install_chunked_code"].Should().Be(1);
    }

    [Fact]
    public async Task A_store_recorded_in_the_old_status_field_is_moved_into_chunkStores_with_its_subnet()
    {
        using var agent = new HttpAgent(new HttpAgentOptions { Url = ic.Url, Identity = identity, RootKeySource = RootKeySource.Fetch, SignatureVerifier = new Bls12381SignatureVerifier() });
        var existing = await new ManagementCanister(agent).ProvisionalCreateCanisterWithCyclesAsync(null, new CanisterSettings { Controllers = [identity.Sender] });
        await CreateNetworkAsync(shared: false);
        await kube.Client.PatchStatusAsync(OperatorResources.IcNetworks, "local", "default", KubePatch.Merge(new JsonObject
        {
            ["status"] = new JsonObject { ["chunkStore"] = new JsonObject { ["canisterId"] = existing.ToString() } },
        }));

        await kube.Client.PatchAsync(OperatorResources.IcNetworks, "local", "default", KubePatch.Merge(new JsonObject { ["spec"] = new JsonObject { ["sharedChunkStore"] = true } }));
        var network = await KubeEnvironment.EventuallyAsync(
            () => kube.Client.GetAsync(OperatorResources.IcNetworks, "local", "default"),
            n => n.Status?.ChunkStore is null && n.Status?.ChunkStores.Count > 0 && n.Status.ChunkStores[0].UpgraderModuleHash is not null);

        // Moved, and the store it always was now runs the upgrader as well.
        network.Status!.ChunkStores.Should().ContainSingle().Which.Should().BeEquivalentTo(new NetworkChunkStoreStatus { Subnet = ic.SubnetId.ToString(), CanisterId = existing.ToString(), UpgraderModuleHash = UpgraderModule.Sha256Hex });
        ic.GetCanisters().Should().ContainSingle("the recorded store is kept, not created again");
    }

    [Fact]
    public async Task A_version_no_deployment_uses_is_cleared_from_the_store_once_no_upgrade_is_under_way()
    {
        var v1 = new TestModuleBuilder().WithQuery("get", "(\"one\")").WithSizeAtLeast(1_500_000).Build();
        var v2 = new TestModuleBuilder().WithQuery("get", "(\"two\")").WithSizeAtLeast(2_300_000).Build();
        var onlyV1 = ChunkHashes(v1).Except(ChunkHashes(v2)).ToList();
        onlyV1.Should().NotBeEmpty();
        await CreateNetworkAsync(shared: true);
        await using var server = await ModuleServer.StartAsync();
        await CreateTemplateAsync(server, ("1.0.0", v1), ("2.0.0", v2));
        await CreateDeploymentAsync("a", subnet: null);
        await CreateDeploymentAsync("b", subnet: null);
        await ReadyAsync("a", "1.0.0");
        await ReadyAsync("b", "1.0.0");
        var network = await KubeEnvironment.EventuallyAsync(
            () => kube.Client.GetAsync(OperatorResources.IcNetworks, "local", "default"),
            n => n.Status?.ChunkStores.SingleOrDefault()?.Versions.Select(v => v.Version).SequenceEqual(["1.0.0"]) == true);
        var store = Principal.Parse(network.Status!.ChunkStores.Single().CanisterId!);
        network.Status.ChunkStores.Single().Versions.Single().Should().BeEquivalentTo(new StoredVersion { Template = "app", Version = "1.0.0", Sha256 = Convert.ToHexStringLower(SHA256.HashData(v1)), Chunks = 2 });

        // Both move to 2.0.0, but their stops are refused: the upgrades are under way and v1 is not used any more.
        ic.Faults.RejectMethod("stop_canister", new InjectedReject(IcRejectCode.SysTransient, IcErrorCode.StopCanisterRequestTimeout, "stop refused by the test"));
        await SetVersionAsync("a", "2.0.0");
        await SetVersionAsync("b", "2.0.0");
        await KubeEnvironment.EventuallyAsync(() => Task.FromResult(StoredChunks(store)), held => ChunkHashes(v2).All(held.Contains), TimeSpan.FromSeconds(60));
        await RequestNetworkReconcileAsync("while-upgrading");
        StoredChunks(store).Should().Contain(onlyV1, "nothing is cleared while an upgrade on the store's subnet is under way");

        ic.Faults.ClearReject("stop_canister");
        await ReadyAsync("a", "2.0.0");
        await ReadyAsync("b", "2.0.0");
        await KubeEnvironment.EventuallyAsync(() => Task.FromResult(StoredChunks(store)), held => !held.Intersect(onlyV1).Any(), TimeSpan.FromSeconds(60));
        network = await KubeEnvironment.EventuallyAsync(
            () => kube.Client.GetAsync(OperatorResources.IcNetworks, "local", "default"),
            n => n.Status!.ChunkStores.Single().Versions.All(v => v.Version != "1.0.0"));

        // A new canister of the version still used installs from the store, which gets that version again.
        await CreateDeploymentAsync("c", subnet: null, version: "2.0.0");
        var c = await ReadyAsync("c", "2.0.0");
        Convert.ToHexStringLower(ic.GetCanister(Principal.Parse(c.Status!.CanisterId!))!.ModuleHash!).Should().Be(Convert.ToHexStringLower(SHA256.HashData(v2)));
        StoredChunks(store).Should().BeEquivalentTo(ChunkHashes(v2), "only the version still used went up again");
        await KubeEnvironment.EventuallyAsync(
            () => kube.Client.GetAsync(OperatorResources.IcNetworks, "local", "default"),
            n => n.Status!.ChunkStores.Single().Versions.Select(v => v.Version).SequenceEqual(["2.0.0"]));
        ic.Counters.Calls("install_code").Should().Be(1, "every install went through the store; only the upgrader went into the store in one message");
        foreach (var name in new[] { "a", "b" })
        {
            var upgraded = Principal.Parse((await kube.Client.GetAsync(OperatorResources.CanisterDeployments, name, "default")).Status!.CanisterId!);
            ic.Counters.UpdateCalls.Where(call => call.Canister == upgraded).Select(call => call.Method).Should().NotContain("clear_chunk_store", "an upgrade through the shared store leaves the canister's own store alone");
        }
    }

    private static List<string> ChunkHashes(byte[] module) =>
        [.. module.Chunk(IcOperator.Agent.Wasm.WasmModule.ChunkSize).Select(c => Convert.ToHexStringLower(SHA256.HashData(c)))];

    private List<string> StoredChunks(Principal store) => [.. ic.GetCanister(store)!.ChunkHashes.Select(Convert.ToHexStringLower)];

    private Task<CanisterDeployment> ReadyAsync(string name, string version) =>
        KubeEnvironment.EventuallyAsync(
            () => kube.Client.GetAsync(OperatorResources.CanisterDeployments, name, "default"),
            d => d.Status?.Version == version && d.Status.Conditions.Any(c => c.Type == ConditionTypes.Ready && c.Status == ConditionStatus.True && c.ObservedGeneration == d.Metadata.Generation),
            TimeSpan.FromSeconds(60));

    private Task SetVersionAsync(string name, string version) =>
        kube.Client.PatchAsync(OperatorResources.CanisterDeployments, name, "default", KubePatch.Merge(new JsonObject { ["spec"] = new JsonObject { ["template"] = new JsonObject { ["version"] = version } } }));

    /// <summary>Asks the network for a reconcile and waits until it has handled it, so what it decided can be looked at.</summary>
    private async Task RequestNetworkReconcileAsync(string value)
    {
        await kube.Client.PatchAsync(OperatorResources.IcNetworks, "local", "default", KubePatch.Merge(new JsonObject
        {
            ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [Annotations.ReconcileRequestedAt] = value } },
        }));
        await KubeEnvironment.EventuallyAsync(() => kube.Client.GetAsync(OperatorResources.IcNetworks, "local", "default"), n => n.Status?.LastHandledReconcileAt == value);
    }

    private Task CreateNetworkAsync(bool shared) =>
        kube.Client.CreateAsync(OperatorResources.IcNetworks, new IcNetwork
        {
            Metadata = new V1ObjectMeta { Name = "local", NamespaceProperty = "default" },
            Spec = new IcNetworkSpec
            {
                Url = ic.Url.ToString(),
                RootKey = "fetch",
                Identity = new IdentitySource { SecretRef = new KeyReference { Name = "identity", Key = "identity.pem" } },
                SharedChunkStore = shared,
            },
        });

    private async Task CreateTemplateAsync(ModuleServer server, params (string Version, byte[] Bytes)[] versions)
    {
        await kube.Client.CreateAsync(OperatorResources.WasmTemplates, new WasmTemplate
        {
            Metadata = new V1ObjectMeta { Name = "app", NamespaceProperty = "default" },
            Spec = new WasmTemplateSpec
            {
                Versions = [.. versions.Select(v => new WasmVersion { Version = v.Version, Sha256 = Convert.ToHexStringLower(SHA256.HashData(v.Bytes)), Source = new WasmSource { Url = server.Serve($"{v.Version}.wasm", v.Bytes) } })],
            },
        });
        await KubeEnvironment.EventuallyAsync(
            () => kube.Client.GetAsync(OperatorResources.WasmTemplates, "app", "default"),
            t => t.Status?.Versions.Count(v => v.Phase == WasmVersionPhase.Verified) == versions.Length);
    }

    private Task CreateDeploymentAsync(string name, string? subnet, string version = "1.0.0", HealthCheck? healthCheck = null) =>
        kube.Client.CreateAsync(OperatorResources.CanisterDeployments, new CanisterDeployment
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default" },
            Spec = new CanisterDeploymentSpec
            {
                NetworkRef = new LocalObjectReference { Name = "local" },
                Template = new TemplateVersionReference { Name = "app", Version = version },
                Create = new CreateOptions { Subnet = subnet },
                Upgrade = new UpgradePolicy { HealthCheck = healthCheck },
            },
        });
}
