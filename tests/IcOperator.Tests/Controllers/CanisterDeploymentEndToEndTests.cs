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
using IcOperator.Kube.Events;
using IcOperator.Kube.Resources;
using IcOperator.Tests.Observability;
using Microsoft.Extensions.Logging.Abstractions;

namespace IcOperator.Tests.Controllers;

/// <summary>The operator's controllers against both emulators, resources applied through the Kubernetes API.</summary>
public sealed class CanisterDeploymentEndToEndTests : IAsyncLifetime, IDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly DirectoryInfo cache = Directory.CreateTempSubdirectory("cdep-cache-");
    private KubeEnvironment kube = null!;
    private IcEmulator ic = null!;
    private OperatorControllers controllers = null!;
    private Task host = Task.CompletedTask;
    private string operatorPem = string.Empty;

    public async Task InitializeAsync()
    {
        kube = await KubeEnvironment.StartAsync();
        ic = await IcEmulator.StartAsync();
        controllers = new OperatorControllers(kube.Client, Prometheus.Metrics.NewCustomRegistry(), NullLoggerFactory.Instance, cache.FullName);
        host = Task.Run(() => controllers.RunAsync(stop.Token));

        using var identity = Ed25519Identity.Generate();
        operatorPem = identity.ExportPkcs8Pem();
        await kube.Client.CreateAsync(CoreResources.Secrets, new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "identity", NamespaceProperty = "default" },
            Data = new Dictionary<string, byte[]> { ["identity.pem"] = Encoding.UTF8.GetBytes(identity.ExportPkcs8Pem()) },
        });
        await kube.Client.CreateAsync(OperatorResources.IcNetworks, new IcNetwork
        {
            Metadata = new V1ObjectMeta { Name = "local", NamespaceProperty = "default" },
            Spec = new IcNetworkSpec
            {
                Url = ic.Url.ToString(),
                RootKey = "fetch",
                Identity = new IdentitySource { SecretRef = new KeyReference { Name = "identity", Key = "identity.pem" } },

                // The tests below pin each step's IC calls with the module installed inline; the ones about the
                // shared store turn it on (EnableSharedChunkStoreAsync), and SharedChunkStoreEndToEndTests covers the default.
                SharedChunkStore = false,
            },
        });
    }

    /// <summary>The controllers are disposed in <see cref="DisposeAsync"/>; what remains is the token source.</summary>
    public void Dispose() => stop.Dispose();

    public async Task DisposeAsync()
    {
        await stop.CancelAsync();
        await host;
        await controllers.DisposeAsync();
        await ic.DisposeAsync();
        await kube.DisposeAsync();
        cache.Delete(recursive: true);
    }

    private const string AppService = "service : (text) -> { health : () -> (variant { ok; degraded }) query; get : () -> (text) query }";

    private static byte[] Module(string health, int size = 0, bool trapInPostUpgrade = false, string candidService = AppService)
    {
        var builder = new TestModuleBuilder()
            .WithQuery("health", health)
            .WithQuery("get", "(\"nothing stored\")")
            .WithCandidService(candidService)
            .WithInit(new LifecycleBehavior { StoreArg = "config" });
        if (trapInPostUpgrade)
        {
            builder = builder.WithPostUpgrade(new LifecycleBehavior { Trap = "migration failed" });
        }

        return size > 0 ? builder.WithSizeAtLeast(size).Build() : builder.Build();
    }

    private async Task CreateTemplate(params (string Version, byte[] Bytes)[] versions)
    {
        await using var server = await ModuleServer.StartAsync();
        await CreateTemplate(server, versions);

        // The template controller fetches URL sources once; wait for that before the server goes away.
        await KubeEnvironment.EventuallyAsync(
            () => kube.Client.GetAsync(OperatorResources.WasmTemplates, "app", "default"),
            t => t.Status?.Versions.Count(v => v.Phase == WasmVersionPhase.Verified) == versions.Length);
    }

    private async Task CreateTemplate(ModuleServer server, (string Version, byte[] Bytes)[] versions) =>
        await kube.Client.CreateAsync(OperatorResources.WasmTemplates, new WasmTemplate
        {
            Metadata = new V1ObjectMeta { Name = "app", NamespaceProperty = "default" },
            Spec = new WasmTemplateSpec
            {
                Versions = [.. versions.Select(v => new WasmVersion
                {
                    Version = v.Version,
                    Sha256 = Convert.ToHexStringLower(SHA256.HashData(v.Bytes)),
                    // Inline modules are limited to about 1 MiB by the schema; larger ones come from a URL.
                    Source = v.Bytes.Length < 1_000_000
                        ? new WasmSource { Inline = Convert.ToBase64String(v.Bytes) }
                        : new WasmSource { Url = server.Serve($"{v.Version}.wasm", v.Bytes) },
                })],
            },
        });

    /// <summary>A deployment of the template "app"; <paramref name="arg"/> null installs without an argument (the Motoko canisters take none).</summary>
    private async Task CreateDeployment(string version, string? arg = "(\"hello\")", CanisterSettingsSpec? settings = null) =>
        await kube.Client.CreateAsync(OperatorResources.CanisterDeployments, new CanisterDeployment
        {
            Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "default" },
            Spec = new CanisterDeploymentSpec
            {
                NetworkRef = new LocalObjectReference { Name = "local" },
                Template = new TemplateVersionReference { Name = "app", Version = version },
                Install = new InstallOptions { Arg = arg },
                Upgrade = new UpgradePolicy { HealthCheck = new HealthCheck { Method = "health", Expect = "(variant { ok })", Timeout = "1s" } },
                Settings = settings,
            },
        });

    private HttpAgent Agent(IIdentity identity) =>
        new(new HttpAgentOptions { Url = ic.Url, Identity = identity, RootKeySource = RootKeySource.Fetch, SignatureVerifier = new Bls12381SignatureVerifier() });

    /// <summary>Calls the Motoko hello canister's <c>increment</c> (an update) and gives the counter it returns.</summary>
    private async Task<System.Numerics.BigInteger> IncrementAsync(Principal canister)
    {
        using var agent = Agent(AnonymousIdentity.Instance);
        return CandidDecoder.Decode(await agent.CallAsync(canister, "increment", CandidEncoder.Encode([])), [CandidType.Nat])[0].AsBigInteger();
    }

    /// <summary>Reads the Motoko hello canister's counter with its <c>get</c> query.</summary>
    private async Task<System.Numerics.BigInteger> CounterAsync(Principal canister)
    {
        using var agent = Agent(AnonymousIdentity.Instance);
        return CandidDecoder.Decode(await agent.QueryAsync(canister, "get", CandidEncoder.Encode([])), [CandidType.Nat])[0].AsBigInteger();
    }

    private static string Sha(byte[] module) => Convert.ToHexStringLower(SHA256.HashData(module));

    private Task<CanisterDeployment> WaitFor(Func<CanisterDeployment, bool> done) =>
        KubeEnvironment.EventuallyAsync(() => kube.Client.GetAsync(OperatorResources.CanisterDeployments, "web", "default"), done, TimeSpan.FromSeconds(60));

    private static bool Condition(CanisterDeployment d, string type, ConditionStatus status) =>
        d.Status?.Conditions.Any(c => c.Type == type && c.Status == status && c.ObservedGeneration == d.Metadata.Generation) == true;

    /// <summary>Install messages of either kind: from the network's chunk store or with the module inline.</summary>
    private long Installs() => ic.Counters.Calls("install_code") + ic.Counters.Calls("install_chunked_code");

    /// <summary>The network's chunk-store canister, once the network controller has created it.</summary>
    private async Task<Principal> ChunkStoreAsync()
    {
        var network = await KubeEnvironment.EventuallyAsync(
            () => kube.Client.GetAsync(OperatorResources.IcNetworks, "local", "default"),
            n => n.Status?.ChunkStores.Any(s => s.CanisterId is not null) == true);
        return Principal.Parse(network.Status!.ChunkStores.Single().CanisterId!);
    }

    /// <summary>Turns the network's shared chunk store on; the network controller then creates it.</summary>
    private Task EnableSharedChunkStoreAsync() =>
        kube.Client.PatchAsync(OperatorResources.IcNetworks, "local", "default", KubePatch.Merge(new JsonObject { ["spec"] = new JsonObject { ["sharedChunkStore"] = true } }));

    private async Task SetVersion(string version) =>
        await kube.Client.PatchAsync(OperatorResources.CanisterDeployments, "web", "default", KubePatch.Merge(new JsonObject { ["spec"] = new JsonObject { ["template"] = new JsonObject { ["version"] = version } } }));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Fresh_deploy_installs_the_template_module_and_reports_what_the_ic_holds(bool big)
    {
        // The Motoko hello canister, or the Motoko canister above 2 MiB that must go through the chunk store.
        var v1 = big ? SampleCanisters.Big : SampleCanisters.Hello;
        await CreateTemplate(("1.0.0", v1));
        await CreateDeployment("1.0.0", arg: null);

        var deployment = await WaitFor(d => Condition(d, "Ready", ConditionStatus.True));

        var sha = Convert.ToHexStringLower(SHA256.HashData(v1));
        deployment.Status!.ModuleHash.Should().Be(sha);
        deployment.Status.Version.Should().Be("1.0.0");
        deployment.Status.Phase.Should().Be(CanisterPhase.Ready);
        deployment.Metadata.Finalizers.Should().Contain(Annotations.CanisterFinalizer);
        var canister = ic.GetCanister(Principal.Parse(deployment.Status.CanisterId!));
        canister.Should().NotBeNull();
        Convert.ToHexStringLower(canister!.ModuleHash!).Should().Be(sha);
        (await Scrape.TextAsync(controllers.Metrics.Registry)).Should().Contain("ic_operator_ic_call_duration_seconds_count{method=\"install_code\",result=\"replied\"} 1");
        if (big)
        {
            controllers.Metrics.ChunkBytesUploaded.Value.Should().Be(v1.Length, "a module above 1.85 MiB goes through the chunk store");
        }
        else
        {
            (await IncrementAsync(canister.Id)).Should().Be(1, "the installed canister runs: its counter starts at 0");
        }
    }

    /// <summary>IC calls the emulator executed since <paramref name="before"/>, by method (queries included).</summary>
    private Dictionary<string, long> CallsSince(IReadOnlyDictionary<string, long> before) =>
        ic.Counters.CallsByMethod
            .Select(c => (c.Key, Count: c.Value - before.GetValueOrDefault(c.Key)))
            .Where(c => c.Count > 0)
            .ToDictionary(c => c.Key, c => c.Count, StringComparer.Ordinal);

    /// <summary>Exactly the create, the install and the health check; {0} in the reason lists the calls.</summary>
    private static void ShouldBeOneFreshDeploy(Dictionary<string, long> calls, string because) =>
        calls.Should().BeEquivalentTo(
            new Dictionary<string, long>
            {
                ["provisional_create_canister_with_cycles"] = 1,
                ["install_code"] = 1,
                ["health"] = 1,
            },
            because,
            Listed(calls));

    private static string Listed(Dictionary<string, long> calls) => string.Join(", ", calls.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {c.Value}"));

    [Fact]
    public async Task A_fresh_deploy_with_a_health_check_never_reads_the_canister_it_created_nor_lists_snapshots()
    {
        await CreateTemplate(("1.0.0", Module("(variant { ok })")));
        var before = ic.Counters.CallsByMethod;

        await CreateDeployment("1.0.0");
        var ready = await WaitFor(d => Condition(d, "Ready", ConditionStatus.True));

        var calls = CallsSince(before);
        ShouldBeOneFreshDeploy(calls, "the create's reply tells the canister is empty and running, the install's reply that the module is in, and the health check confirms it ({0})");
        ready.Status!.Cycles.Should().BeNull("nobody read the canister's balance yet; the create's reply does not tell it");
        ready.Status.MemorySize.Should().BeNull();
        ready.Status.CanisterStatus.Should().Be("running");
    }

    [Fact]
    public async Task A_fresh_deploy_whose_spec_sets_a_freezing_threshold_and_log_visibility_passes_them_at_create_and_never_reads_the_canister()
    {
        await CreateTemplate(("1.0.0", Module("(variant { ok })")));
        var before = ic.Counters.CallsByMethod;

        // Neither is the IC's default (30 days; logs visible to controllers), so the canister holds them only if the create set them.
        await CreateDeployment("1.0.0", settings: new CanisterSettingsSpec { FreezingThreshold = 0, LogVisibility = Api.V1Alpha1.LogVisibility.Public });
        var ready = await WaitFor(d => Condition(d, "Ready", ConditionStatus.True));

        var settings = ic.GetCanister(Principal.Parse(ready.Status!.CanisterId!))!.Settings;
        settings.FreezingThreshold.Should().Be(0);
        settings.LogVisibility.Kind.Should().Be("public");
        var calls = CallsSince(before);
        ShouldBeOneFreshDeploy(calls, "the create carries the settings and its reply implies them, so no canister_status or update_settings follows ({0})");
    }

    [Fact]
    public async Task A_fresh_deploy_whose_install_reply_is_lost_reads_the_request_back_and_never_the_canister()
    {
        await CreateTemplate(("1.0.0", Module("(variant { ok })")));
        var before = ic.Counters.CallsByMethod;

        // The install runs on the IC and every reply to it is dropped: the agent gives up, the request stays in flight.
        ic.Faults.DropResponses("install_code", new HttpAgentOptions { Url = ic.Url }.MaxAttempts);
        await CreateDeployment("1.0.0");
        await WaitFor(d => Condition(d, "Ready", ConditionStatus.True));

        var calls = CallsSince(before);
        ShouldBeOneFreshDeploy(calls, "the wait on the install reads its outcome by request id; the install's effect is the module recorded before it was sent ({0})");
    }

    /// <summary>Asks the deployment "web" to reconcile again (the reconcile annotation set to <paramref name="marker"/>) and gives the IC calls that made.</summary>
    private async Task<Dictionary<string, long>> ResyncCallsAsync(string marker)
    {
        var before = ic.Counters.CallsByMethod;
        await kube.Client.PatchAsync(OperatorResources.CanisterDeployments, "web", "default", KubePatch.Merge(new JsonObject
        {
            ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [Annotations.ReconcileRequestedAt] = marker } },
        }));
        await WaitFor(d => d.Status?.LastHandledReconcileAt == marker);
        return CallsSince(before);
    }

    [Fact]
    public async Task A_resync_of_a_ready_deployment_makes_one_ic_call()
    {
        await CreateTemplate(("1.0.0", Module("(variant { ok })")));
        await CreateDeployment("1.0.0");
        await WaitFor(d => Condition(d, "Ready", ConditionStatus.True));
        var calls = await ResyncCallsAsync("resync-1");
        calls.Should().BeEquivalentTo(new Dictionary<string, long> { ["canister_status"] = 1 }, "a canister in sync is only read ({0})", Listed(calls));
    }

    [Fact]
    public async Task A_snapshot_deleted_by_someone_else_is_forgotten_once_listed_and_resyncs_stop_listing_snapshots()
    {
        await CreateTemplate(("1.0.0", Module("(variant { ok })")), ("2.0.0", Module("(variant { ok })", size: 4096)), ("3.0.0", Module("(variant { ok })", size: 8192)));
        await CreateDeployment("1.0.0");
        var ready = await WaitFor(d => Condition(d, "Ready", ConditionStatus.True));
        var canister = Principal.Parse(ready.Status!.CanisterId!);
        await kube.Client.PatchAsync(OperatorResources.CanisterDeployments, "web", "default", KubePatch.Merge(new JsonObject
        {
            ["spec"] = new JsonObject { ["template"] = new JsonObject { ["version"] = "2.0.0" }, ["snapshotRetention"] = 1 },
        }));
        var first = await WaitFor(d => d.Status?.Version == "2.0.0" && Condition(d, "Ready", ConditionStatus.True));
        var gone = first.Status!.Snapshots.Should().ContainSingle().Subject.Id;
        using (var agent = Agent(IdentityPem.Parse(operatorPem)))
        {
            await new ManagementCanister(agent).DeleteCanisterSnapshotAsync(canister, Convert.FromHexString(gone));
        }

        await SetVersion("3.0.0");
        var second = await WaitFor(d => d.Status?.Version == "3.0.0" && Condition(d, "Ready", ConditionStatus.True));
        var held = ic.GetCanister(canister)!.Snapshots.Select(s => s.IdHex).ToList();
        held.Should().ContainSingle().Which.Should().NotBe(gone);
        second.Status!.Snapshots.Select(s => s.Id).Should().Equal(held, "the record of the snapshot deleted outside is dropped when the upgrade lists snapshots");

        var calls = await ResyncCallsAsync("resync-after-outside-delete");
        calls.Should().BeEquivalentTo(new Dictionary<string, long> { ["canister_status"] = 1 }, "status holds no more snapshots than the retention, so a resync lists none ({0})", Listed(calls));
    }

    [Fact]
    public async Task An_upgrade_with_snapshot_and_health_check_reads_status_once_and_lists_snapshots_once()
    {
        await CreateTemplate(("1.0.0", Module("(variant { ok })")), ("2.0.0", Module("(variant { ok })", size: 4096)));
        await CreateDeployment("1.0.0");
        await WaitFor(d => Condition(d, "Ready", ConditionStatus.True));
        var before = ic.Counters.CallsByMethod;

        await SetVersion("2.0.0");
        await WaitFor(d => d.Status?.Version == "2.0.0" && Condition(d, "Ready", ConditionStatus.True));

        var calls = CallsSince(before);
        calls.Should().BeEquivalentTo(
            new Dictionary<string, long>
            {
                ["canister_status"] = 1,
                ["stop_canister"] = 1,
                ["list_canister_snapshots"] = 1,
                ["take_canister_snapshot"] = 1,
                ["install_code"] = 1,
                ["start_canister"] = 1,
                ["health"] = 1,
            },
            "status is read before the upgrade starts, each step's effect is known from its reply; snapshots are listed once, before the stop ({0})",
            Listed(calls));
    }

    /// <summary>The update calls executed on <paramref name="canister"/> after the first <paramref name="skip"/> update calls of the emulator, in order.</summary>
    private List<string> UpdateCallsOn(Principal canister, long skip) =>
        [.. ic.Counters.UpdateCallsSince(skip).Where(c => c.Canister == canister).Select(c => c.Method)];

    /// <summary>What was called while the canister was down: between its stop and its start.</summary>
    private static List<string> WhileStopped(List<string> calls) =>
        [.. calls.SkipWhile(m => m != "stop_canister").Skip(1).TakeWhile(m => m != "start_canister")];

    [Fact]
    public async Task An_upgrade_calls_only_snapshot_and_install_while_the_canister_is_stopped()
    {
        await CreateTemplate(("1.0.0", Module("(variant { ok })")), ("2.0.0", Module("(variant { ok })", size: 4096)));
        await CreateDeployment("1.0.0");
        var ready = await WaitFor(d => Condition(d, "Ready", ConditionStatus.True));
        var canister = Principal.Parse(ready.Status!.CanisterId!);
        var skip = ic.Counters.UpdateCallsLogged;

        await SetVersion("2.0.0");
        await WaitFor(d => d.Status?.Version == "2.0.0" && Condition(d, "Ready", ConditionStatus.True));

        var calls = UpdateCallsOn(canister, skip);
        calls.Should().Equal(["canister_status", "list_canister_snapshots", "stop_canister", "take_canister_snapshot", "install_code", "start_canister"], "read and list before the stop, snapshot while stopped");
        WhileStopped(calls).Should().Equal("take_canister_snapshot", "install_code");
    }

    [Fact]
    public async Task Without_the_shared_store_a_chunked_upgrade_uploads_into_the_canister_before_the_stop()
    {
        var v2 = Module("(variant { ok })", size: 2_300_000);
        await CreateTemplate(("1.0.0", Module("(variant { ok })")), ("2.0.0", v2));
        await CreateDeployment("1.0.0");
        var ready = await WaitFor(d => Condition(d, "Ready", ConditionStatus.True));
        var canister = Principal.Parse(ready.Status!.CanisterId!);
        var skip = ic.Counters.UpdateCallsLogged;
        var bytesBefore = ic.Counters.ChunkBytesReceived;

        await SetVersion("2.0.0");
        await WaitFor(d => d.Status?.Version == "2.0.0" && Condition(d, "Ready", ConditionStatus.True));

        var calls = UpdateCallsOn(canister, skip);
        calls.Should().Contain("upload_chunk").And.Contain("install_chunked_code");
        calls.IndexOf("upload_chunk").Should().BeLessThan(calls.IndexOf("stop_canister"), "the chunks go up while the canister runs");
        WhileStopped(calls).Should().Equal(["take_canister_snapshot", "install_chunked_code"], "the stopped window is the snapshot and the install ({0})", string.Join(", ", calls));
        (ic.Counters.ChunkBytesReceived - bytesBefore).Should().Be(v2.Length, "each chunk went up once");
        Convert.ToHexStringLower(ic.GetCanister(canister)!.ModuleHash!).Should().Be(Convert.ToHexStringLower(SHA256.HashData(v2)));
        ic.GetCanister(canister)!.ChunkHashes.Should().BeEmpty("the canister's chunk store is cleared after the install");
    }

    [Fact]
    public async Task With_snapshot_before_stop_a_module_that_cannot_call_is_snapshotted_running_and_only_installed_while_stopped()
    {
        var v1 = new TestModuleBuilder().WithSystemImports("msg_reply").WithQuery("health", "(variant { ok })").WithCandidService(AppService).WithInit(new LifecycleBehavior { StoreArg = "config" }).Build();
        await CreateTemplate(("1.0.0", v1), ("2.0.0", Module("(variant { ok })", size: 4096)));
        await CreateDeployment("1.0.0");
        var ready = await WaitFor(d => Condition(d, "Ready", ConditionStatus.True));
        var canister = Principal.Parse(ready.Status!.CanisterId!);
        var skip = ic.Counters.UpdateCallsLogged;

        await kube.Client.PatchAsync(OperatorResources.CanisterDeployments, "web", "default", KubePatch.Merge(new JsonObject
        {
            ["spec"] = new JsonObject { ["template"] = new JsonObject { ["version"] = "2.0.0" }, ["upgrade"] = new JsonObject { ["snapshotBeforeStop"] = true } },
        }));
        var upgraded = await WaitFor(d => d.Status?.Version == "2.0.0" && Condition(d, "Ready", ConditionStatus.True));

        var calls = UpdateCallsOn(canister, skip);
        calls.Should().Equal(["canister_status", "list_canister_snapshots", "take_canister_snapshot", "stop_canister", "install_code", "start_canister"], "the snapshot is taken before the stop");
        WhileStopped(calls).Should().Equal("install_code");
        var snapshot = upgraded.Status!.LastOperation!.SnapshotId;
        snapshot.Should().NotBeNullOrEmpty();
        upgraded.Status.Snapshots.Should().ContainSingle(s => s.Id == snapshot && s.Version == "1.0.0");
        ic.GetCanister(canister)!.Snapshots.Select(s => s.IdHex).Should().Contain(snapshot);
    }

    [Fact]
    public async Task With_snapshot_before_stop_a_module_that_can_call_is_still_snapshotted_stopped()
    {
        var v1 = new TestModuleBuilder().WithSystemImports("msg_reply", "call_new", "call_perform").WithQuery("health", "(variant { ok })").WithCandidService(AppService).WithInit(new LifecycleBehavior { StoreArg = "config" }).Build();
        await CreateTemplate(("1.0.0", v1), ("2.0.0", Module("(variant { ok })", size: 4096)));
        await CreateDeployment("1.0.0");
        var ready = await WaitFor(d => Condition(d, "Ready", ConditionStatus.True));
        var canister = Principal.Parse(ready.Status!.CanisterId!);
        var skip = ic.Counters.UpdateCallsLogged;

        await kube.Client.PatchAsync(OperatorResources.CanisterDeployments, "web", "default", KubePatch.Merge(new JsonObject
        {
            ["spec"] = new JsonObject { ["template"] = new JsonObject { ["version"] = "2.0.0" }, ["upgrade"] = new JsonObject { ["snapshotBeforeStop"] = true } },
        }));
        await WaitFor(d => d.Status?.Version == "2.0.0" && Condition(d, "Ready", ConditionStatus.True));

        WhileStopped(UpdateCallsOn(canister, skip)).Should().Equal(["take_canister_snapshot", "install_code"], "a module that can call may hold calls awaiting responses when running");
    }

    [Fact]
    public async Task Canisters_of_one_version_are_installed_from_the_network_chunk_store_uploaded_once()
    {
        await EnableSharedChunkStoreAsync();
        await ChunkStoreAsync();
        var v1 = Module("(variant { ok })", size: 2_300_000);
        await using var server = await ModuleServer.StartAsync();
        await CreateTemplate(server, [("1.0.0", v1)]);
        await CreateDeployment("1.0.0");
        var first = await WaitFor(d => Condition(d, "Ready", ConditionStatus.True));
        await kube.Client.CreateAsync(OperatorResources.CanisterDeployments, new CanisterDeployment
        {
            Metadata = new V1ObjectMeta { Name = "second", NamespaceProperty = "default" },
            Spec = new CanisterDeploymentSpec { NetworkRef = new LocalObjectReference { Name = "local" }, Template = new TemplateVersionReference { Name = "app", Version = "1.0.0" }, Install = new InstallOptions { Arg = "(\"hi\")" } },
        });
        var second = await KubeEnvironment.EventuallyAsync(
            () => kube.Client.GetAsync(OperatorResources.CanisterDeployments, "second", "default"),
            d => Condition(d, "Ready", ConditionStatus.True),
            TimeSpan.FromSeconds(60));

        var store = await ChunkStoreAsync();
        var sha = Convert.ToHexStringLower(SHA256.HashData(v1));
        foreach (var deployment in new[] { first, second })
        {
            Convert.ToHexStringLower(ic.GetCanister(Principal.Parse(deployment.Status!.CanisterId!))!.ModuleHash!).Should().Be(sha);
            ic.GetCanister(Principal.Parse(deployment.Status.CanisterId!))!.ChunkHashes.Should().BeEmpty("nothing was uploaded into the canister itself");
        }

        ic.Counters.ChunkBytesReceived.Should().Be(v1.Length, "the chunks went up once, for both canisters");
        ic.Counters.Calls("install_chunked_code").Should().Be(2);
        ic.Counters.Calls("install_code").Should().Be(1, "only the upgrader went in in one message, into the store");
        ic.GetCanister(store)!.ChunkHashes.Should().HaveCount(3, "a 2.3 MB module is three 1 MiB chunks");
    }

    [Fact]
    public async Task An_upgrade_uploads_the_new_chunks_before_it_stops_the_canister()
    {
        await EnableSharedChunkStoreAsync();
        await ChunkStoreAsync();
        var v1 = Module("(variant { ok })", size: 1_500_000);
        var v2 = Module("(variant { ok })", size: 2_300_000);
        await using var server = await ModuleServer.StartAsync();
        await CreateTemplate(server, [("1.0.0", v1), ("2.0.0", v2)]);
        await CreateDeployment("1.0.0");
        var ready = await WaitFor(d => Condition(d, "Ready", ConditionStatus.True));
        var canister = Principal.Parse(ready.Status!.CanisterId!);
        var before = ic.Counters.ChunkBytesReceived;
        ic.Faults.RejectMethod("stop_canister", new InjectedReject(IcRejectCode.SysTransient, IcErrorCode.StopCanisterRequestTimeout, "stop refused by the test"));

        await SetVersion("2.0.0");
        await KubeEnvironment.EventuallyAsync(() => Task.FromResult(ic.Counters.Calls("stop_canister")), stops => stops > 0, TimeSpan.FromSeconds(60));

        (ic.Counters.ChunkBytesReceived - before).Should().Be(v2.Length, "every chunk of the new version was in the store when the stop was asked for");
        ic.GetCanister(canister)!.Status.Should().Be(IcOperator.Emulators.Ic.Canisters.CanisterStatus.Running);
        Convert.ToHexStringLower(ic.GetCanister(canister)!.ModuleHash!).Should().Be(Convert.ToHexStringLower(SHA256.HashData(v1)));

        ic.Faults.ClearReject("stop_canister");
        var upgraded = await WaitFor(d => d.Status?.Version == "2.0.0" && Condition(d, "Ready", ConditionStatus.True));
        Convert.ToHexStringLower(ic.GetCanister(canister)!.ModuleHash!).Should().Be(Convert.ToHexStringLower(SHA256.HashData(v2)));
        (ic.Counters.ChunkBytesReceived - before).Should().Be(v2.Length, "the install read the chunks uploaded before the stop");
    }

    [Fact]
    public async Task Upgrade_to_an_unhealthy_version_rolls_back_to_the_snapshot_restores_the_counter_and_stalls_without_retrying()
    {
        // The walkthrough: the Motoko hello canister, then hello-v2 whose health check answers degraded.
        var v1 = SampleCanisters.Hello;
        var v2 = SampleCanisters.HelloV2;
        await CreateTemplate(("1.0.0", v1), ("2.0.0", v2));
        await CreateDeployment("1.0.0", arg: null);
        var ready = await WaitFor(d => Condition(d, "Ready", ConditionStatus.True));
        var id = Principal.Parse(ready.Status!.CanisterId!);
        await IncrementAsync(id);
        await IncrementAsync(id);
        (await IncrementAsync(id)).Should().Be(3);

        await SetVersion("2.0.0");
        var stalled = await WaitFor(d => Condition(d, "Stalled", ConditionStatus.True));

        var status = stalled.Status!;
        status.FailedVersion.Should().Be("2.0.0");
        status.Version.Should().Be("1.0.0");
        status.ModuleHash.Should().Be(Convert.ToHexStringLower(SHA256.HashData(v1)));
        status.LastOperation!.Result.Should().Be(OperationResult.RolledBack);
        status.LastOperation.SnapshotId.Should().NotBeNullOrEmpty();
        status.Conditions.Single(c => c.Type == "Stalled").Reason.Should().Be(CanisterDeploymentReasons.VersionFailed);
        var canister = ic.GetCanister(Principal.Parse(status.CanisterId!))!;
        Convert.ToHexStringLower(canister.ModuleHash!).Should().Be(Convert.ToHexStringLower(SHA256.HashData(v1)));
        status.CanisterId.Should().Be(ready.Status!.CanisterId);
        (await CounterAsync(id)).Should().Be(3, "loading the snapshot taken before the upgrade restores the counter");
        (await IncrementAsync(id)).Should().Be(4, "version 1.0.0 runs again on the restored state");
    }

    [Fact]
    public async Task Healthy_upgrade_snapshots_first_keeps_state_and_prunes_snapshots_to_the_retention()
    {
        // The Motoko hello canister in three versions: the same code under three module hashes.
        var v1 = SampleCanisters.Hello;
        var v2 = LabelledModule.Of(v1, "2.0.0");
        var v3 = LabelledModule.Of(v1, "3.0.0");
        await CreateTemplate(("1.0.0", v1), ("2.0.0", v2), ("3.0.0", v3));
        await CreateDeployment("1.0.0", arg: null);
        var first = await WaitFor(d => Condition(d, "Ready", ConditionStatus.True));
        var canisterId = Principal.Parse(first.Status!.CanisterId!);
        await IncrementAsync(canisterId);
        (await IncrementAsync(canisterId)).Should().Be(2);
        await kube.Client.PatchAsync(OperatorResources.CanisterDeployments, "web", "default", KubePatch.Merge(new JsonObject { ["spec"] = new JsonObject { ["snapshotRetention"] = 1 } }));

        await SetVersion("2.0.0");
        var second = await WaitFor(d => d.Status?.Version == "2.0.0" && Condition(d, "Ready", ConditionStatus.True));
        second.Status!.LastOperation!.SnapshotId.Should().NotBeNullOrEmpty("a snapshot is taken before the upgrade is installed");
        second.Status.Snapshots.Should().Contain(s => s.Id == second.Status.LastOperation.SnapshotId && s.Version == "1.0.0");

        await SetVersion("3.0.0");
        var third = await WaitFor(d => d.Status?.Version == "3.0.0" && Condition(d, "Ready", ConditionStatus.True) && d.Status.Snapshots.Count == 1);

        var canister = ic.GetCanister(canisterId)!;
        Convert.ToHexStringLower(canister.ModuleHash!).Should().Be(Convert.ToHexStringLower(SHA256.HashData(v3)));
        (await CounterAsync(canisterId)).Should().Be(2, "the counter survives upgrades (enhanced orthogonal persistence, memory kept)");
        canister.Snapshots.Should().ContainSingle("older operator snapshots are pruned to snapshotRetention: 1");
        third.Status!.History.Select(h => h.Version).Should().StartWith(["3.0.0", "2.0.0"]);
    }

    [Fact]
    public async Task Upgrade_that_traps_in_post_upgrade_is_rejected_and_the_old_version_keeps_running()
    {
        // The Motoko hello canister, then a version with hello's interface whose postupgrade traps.
        var v1 = SampleCanisters.Hello;
        var v2 = SampleCanisters.PostUpgradeTrap;
        await CreateTemplate(("1.0.0", v1), ("2.0.0", v2));
        await CreateDeployment("1.0.0", arg: null);
        var ready = await WaitFor(d => Condition(d, "Ready", ConditionStatus.True));
        var id = Principal.Parse(ready.Status!.CanisterId!);
        (await IncrementAsync(id)).Should().Be(1);

        await SetVersion("2.0.0");
        var stalled = await WaitFor(d => Condition(d, "Stalled", ConditionStatus.True));

        stalled.Status!.FailedVersion.Should().Be("2.0.0");
        stalled.Status.LastOperation!.Result.Should().Be(OperationResult.Failed);
        stalled.Status.LastOperation.Message.Should().Contain("postupgrade failed");
        stalled.Status.CanisterStatus.Should().Be("running");
        var canister = ic.GetCanister(id)!;
        Convert.ToHexStringLower(canister.ModuleHash!).Should().Be(Convert.ToHexStringLower(SHA256.HashData(v1)));
        (await IncrementAsync(id)).Should().Be(2, "the old module runs on, with its state");
    }

    [Fact]
    public async Task Deleting_after_a_rejected_upgrade_records_the_deletion_as_normal_events()
    {
        await CreateTemplate(("1.0.0", SampleCanisters.Hello), ("2.0.0", SampleCanisters.PostUpgradeTrap));
        await CreateDeployment("1.0.0", arg: null);
        await WaitFor(d => Condition(d, "Ready", ConditionStatus.True));
        await kube.Client.PatchAsync(OperatorResources.CanisterDeployments, "web", "default", KubePatch.Merge(new JsonObject { ["spec"] = new JsonObject { ["deletionPolicy"] = "Delete" } }));
        await WaitFor(d => d.Metadata.Generation == d.Status?.ObservedGeneration && Condition(d, "Ready", ConditionStatus.True));
        await SetVersion("2.0.0");
        var stalled = await WaitFor(d => Condition(d, "Stalled", ConditionStatus.True));
        stalled.Status!.LastOperation!.Step.Should().Be(OperationStep.InstallRejected);

        await kube.Client.DeleteAsync(OperatorResources.CanisterDeployments, "web", "default");
        await KubeEnvironment.EventuallyAsync(() => kube.Client.TryGetAsync(OperatorResources.CanisterDeployments, "web", "default"), d => d is null, TimeSpan.FromSeconds(60));

        var events = await KubeEnvironment.EventuallyAsync(EventsAboutWeb, e => e.Count(x => x.Reason == CanisterDeploymentReasons.Deleting) >= 2);
        events.Should().Contain(e => e.Type == EventTypes.Warning && e.Note!.Contains("2.0.0"), "the rejected upgrade itself is a warning");
        events.Where(e => e.Reason == CanisterDeploymentReasons.Deleting).Should().OnlyContain(e => e.Type == EventTypes.Normal, "stopping and deleting the canister went as asked");
    }

    [Fact]
    public async Task Steps_after_a_failed_upgrade_has_ended_record_normal_events()
    {
        await CreateTemplate(("1.0.0", SampleCanisters.Hello), ("2.0.0", SampleCanisters.PostUpgradeTrap));
        await CreateDeployment("1.0.0", arg: null);
        await WaitFor(d => Condition(d, "Ready", ConditionStatus.True));
        await SetVersion("2.0.0");
        var stalled = await WaitFor(d => Condition(d, "Stalled", ConditionStatus.True));
        stalled.Status!.LastOperation!.Result.Should().Be(OperationResult.Failed);

        // Back to the version that runs, with a setting changed: the drift is corrected by an update_settings.
        await kube.Client.PatchAsync(OperatorResources.CanisterDeployments, "web", "default", KubePatch.Merge(new JsonObject
        {
            ["spec"] = new JsonObject
            {
                ["template"] = new JsonObject { ["version"] = "1.0.0" },
                ["settings"] = new JsonObject { ["freezingThreshold"] = 1234 },
            },
        }));
        var ready = await WaitFor(d => d.Metadata.Generation == d.Status?.ObservedGeneration && Condition(d, "Ready", ConditionStatus.True));
        ready.Status!.LastOperation!.Step.Should().Be(OperationStep.InstallRejected, "the failed upgrade is still the last operation");
        ic.GetCanister(Principal.Parse(ready.Status.CanisterId!))!.Settings.FreezingThreshold.Should().Be(1234);

        var events = await KubeEnvironment.EventuallyAsync(EventsAboutWeb, e => e.Any(x => x.Reason == CanisterDeploymentReasons.SettingsDrift));
        events.Should().Contain(e => e.Type == EventTypes.Warning && e.Note!.Contains("2.0.0"), "the rejected upgrade itself is a warning");
        events.Where(e => e.Reason == CanisterDeploymentReasons.SettingsDrift).Should().OnlyContain(e => e.Type == EventTypes.Normal, "the settings were updated as asked, after the failed upgrade had ended");
    }

    /// <summary>The network's chunk-store canister once it runs the upgrader.</summary>
    private async Task<Principal> UpgraderAsync()
    {
        await EnableSharedChunkStoreAsync();
        var network = await KubeEnvironment.EventuallyAsync(
            () => kube.Client.GetAsync(OperatorResources.IcNetworks, "local", "default"),
            n => n.Status?.ChunkStores.Any(s => s.UpgraderModuleHash == UpgraderModule.Sha256Hex) == true);
        return Principal.Parse(network.Status!.ChunkStores.Single().CanisterId!);
    }

    /// <summary>The update calls on <paramref name="canister"/> since <paramref name="skip"/>: those the operator sent, and those <paramref name="madeBy"/> made.</summary>
    private (List<string> Sent, List<string> ByUpgrader) CallsOn(Principal canister, long skip, Principal madeBy)
    {
        var calls = ic.Counters.UpdateCallsSince(skip).Where(c => c.Canister == canister).ToList();
        return ([.. calls.Where(c => c.MadeBy is null).Select(c => c.Method)], [.. calls.Where(c => c.MadeBy == madeBy).Select(c => c.Method)]);
    }

    [Fact]
    public async Task Through_the_upgrader_an_upgrade_is_one_call_that_snapshots_while_stopped_and_keeps_the_state()
    {
        var upgrader = await UpgraderAsync();
        var v1 = SampleCanisters.Hello;
        var v2 = LabelledModule.Of(v1, "2.0.0");
        await CreateTemplate(("1.0.0", v1), ("2.0.0", v2));
        await CreateDeployment("1.0.0", arg: null);
        var ready = await WaitFor(d => Condition(d, "Ready", ConditionStatus.True));
        var id = Principal.Parse(ready.Status!.CanisterId!);
        await IncrementAsync(id);
        (await IncrementAsync(id)).Should().Be(2);
        ic.GetCanister(id)!.Settings.Controllers.Should().Contain(upgrader, "the canister was created with the upgrader among its controllers");
        var skip = ic.Counters.UpdateCallsLogged;

        await SetVersion("2.0.0");
        var upgraded = await WaitFor(d => d.Status?.Version == "2.0.0" && Condition(d, "Ready", ConditionStatus.True));

        var (sent, byUpgrader) = CallsOn(id, skip, upgrader);
        byUpgrader.Should().Equal(["stop_canister", "take_canister_snapshot", "install_chunked_code", "start_canister"], "the snapshot is taken after the stop, before the install");
        sent.Should().NotContain(["stop_canister", "take_canister_snapshot", "install_chunked_code", "start_canister", "update_settings"], "the operator sent none of the steps itself ({0})", string.Join(", ", sent));
        ic.Counters.UpdateCallsSince(skip).Count(c => c.Canister == upgrader && c.Method == UpgraderCalls.UpgradeMethod).Should().Be(1, "one ingress call ran the whole upgrade");
        var snapshot = upgraded.Status!.LastOperation!.SnapshotId;
        ic.GetCanister(id)!.Snapshots.Select(s => s.IdHex).Should().Equal([snapshot], "the snapshot the upgrader took is the one recorded for a rollback");
        upgraded.Status.Snapshots.Should().ContainSingle(s => s.Id == snapshot && s.Version == "1.0.0");
        ic.GetCanister(id)!.Status.Should().Be(IcOperator.Emulators.Ic.Canisters.CanisterStatus.Running);
        (await CounterAsync(id)).Should().Be(2, "the state is kept across the upgrade");
    }

    [Fact]
    public async Task Through_the_upgrader_an_install_that_traps_leaves_the_old_version_running_with_its_snapshot_recorded()
    {
        var upgrader = await UpgraderAsync();
        var v1 = SampleCanisters.Hello;
        await CreateTemplate(("1.0.0", v1), ("2.0.0", SampleCanisters.PostUpgradeTrap));
        await CreateDeployment("1.0.0", arg: null);
        var ready = await WaitFor(d => Condition(d, "Ready", ConditionStatus.True));
        var id = Principal.Parse(ready.Status!.CanisterId!);
        (await IncrementAsync(id)).Should().Be(1);
        var skip = ic.Counters.UpdateCallsLogged;

        await SetVersion("2.0.0");
        var stalled = await WaitFor(d => Condition(d, "Stalled", ConditionStatus.True));

        stalled.Status!.FailedVersion.Should().Be("2.0.0");
        stalled.Status.LastOperation!.Result.Should().Be(OperationResult.Failed);
        stalled.Status.LastOperation.Message.Should().Contain("through the upgrader").And.Contain("postupgrade failed");
        var snapshot = stalled.Status.LastOperation.SnapshotId;
        snapshot.Should().NotBeNullOrEmpty("the upgrader answered with the snapshot it took before the install");
        ic.GetCanister(id)!.Snapshots.Select(s => s.IdHex).Should().Equal([snapshot]);
        CallsOn(id, skip, upgrader).ByUpgrader.Should().Equal(["stop_canister", "take_canister_snapshot", "install_chunked_code", "start_canister"], "the upgrader starts the canister again after the failed install");
        stalled.Status.CanisterStatus.Should().Be("running");
        Convert.ToHexStringLower(ic.GetCanister(id)!.ModuleHash!).Should().Be(Sha(v1));
        (await IncrementAsync(id)).Should().Be(2, "the old module runs on, with its state");
    }

    [Fact]
    public async Task Through_the_upgrader_an_unhealthy_version_is_rolled_back_to_the_snapshot_it_took()
    {
        await UpgraderAsync();
        var v1 = SampleCanisters.Hello;
        await CreateTemplate(("1.0.0", v1), ("2.0.0", SampleCanisters.HelloV2));
        await CreateDeployment("1.0.0", arg: null);
        var ready = await WaitFor(d => Condition(d, "Ready", ConditionStatus.True));
        var id = Principal.Parse(ready.Status!.CanisterId!);
        await IncrementAsync(id);
        (await IncrementAsync(id)).Should().Be(2);

        await SetVersion("2.0.0");
        var stalled = await WaitFor(d => Condition(d, "Stalled", ConditionStatus.True));

        stalled.Status!.LastOperation!.Result.Should().Be(OperationResult.RolledBack);
        Convert.ToHexStringLower(ic.GetCanister(id)!.ModuleHash!).Should().Be(Sha(v1));
        (await CounterAsync(id)).Should().Be(2, "the snapshot the upgrader took, loaded, restores the counter");
        (await IncrementAsync(id)).Should().Be(3);
    }

    [Fact]
    public async Task A_canister_created_before_the_upgrader_gets_it_as_controller_once_before_its_first_upgrade_through_it()
    {
        var v1 = SampleCanisters.Hello;
        await CreateTemplate(("1.0.0", v1), ("2.0.0", LabelledModule.Of(v1, "2.0.0")), ("3.0.0", LabelledModule.Of(v1, "3.0.0")));
        await CreateDeployment("1.0.0", arg: null);
        var ready = await WaitFor(d => Condition(d, "Ready", ConditionStatus.True));
        var id = Principal.Parse(ready.Status!.CanisterId!);
        var upgrader = await UpgraderAsync();
        ic.GetCanister(id)!.Settings.Controllers.Should().NotContain(upgrader);
        var skip = ic.Counters.UpdateCallsLogged;

        await SetVersion("2.0.0");
        await WaitFor(d => d.Status?.Version == "2.0.0" && Condition(d, "Ready", ConditionStatus.True));
        var (sent, byUpgrader) = CallsOn(id, skip, upgrader);
        sent.Count(m => m == "update_settings").Should().Be(1, "the upgrader is added as a controller once ({0})", string.Join(", ", sent));
        byUpgrader.Should().StartWith("stop_canister");
        ic.GetCanister(id)!.Settings.Controllers.Should().Contain(upgrader);
        ic.Counters.UpdateCallsSince(skip).First(c => c.Canister == id && c.Method == "update_settings").ExecutedAt
            .Should().BeBefore(ic.Counters.UpdateCallsSince(skip).First(c => c.Canister == id && c.MadeBy == upgrader).ExecutedAt, "the controller is added while the canister still runs");

        skip = ic.Counters.UpdateCallsLogged;
        await SetVersion("3.0.0");
        await WaitFor(d => d.Status?.Version == "3.0.0" && Condition(d, "Ready", ConditionStatus.True));
        CallsOn(id, skip, upgrader).Sent.Should().NotContain("update_settings", "the upgrader is a controller already");
    }

    [Fact]
    public async Task An_argument_that_does_not_type_check_is_reported_before_any_canister_is_created()
    {
        await CreateTemplate(("1.0.0", Module("(variant { ok })")));
        await CreateDeployment("1.0.0", arg: "(42)");

        var stalled = await WaitFor(d => Condition(d, "Stalled", ConditionStatus.True));

        var condition = stalled.Status!.Conditions.Single(c => c.Type == "Stalled");
        condition.Reason.Should().Be(CanisterDeploymentReasons.InvalidArgument);
        condition.Message.Should().StartWith("spec.install:");
        stalled.Status.CanisterId.Should().BeNull();
        ic.GetCanisters().Should().BeEmpty("no IC call is made for an argument that does not type-check");
    }

    [Fact]
    public async Task Deploy_and_upgrade_converge_with_transient_errors_and_dropped_responses()
    {
        ic.Faults.Seed(20);
        ic.Faults.UnavailableShare = 0.2;
        ic.Faults.DroppedResponseShare = 0.05;
        var v1 = Module("(variant { ok })");
        var v2 = Module("(variant { ok })", size: 4096);
        await CreateTemplate(("1.0.0", v1), ("2.0.0", v2));
        await CreateDeployment("1.0.0");
        await WaitFor(d => Condition(d, "Ready", ConditionStatus.True));

        await SetVersion("2.0.0");
        var upgraded = await WaitFor(d => d.Status?.Version == "2.0.0" && Condition(d, "Ready", ConditionStatus.True));

        ic.GetCanisters().Should().ContainSingle("a retried create is deduplicated, never a second canister");
        Convert.ToHexStringLower(ic.GetCanister(Principal.Parse(upgraded.Status!.CanisterId!))!.ModuleHash!).Should().Be(Convert.ToHexStringLower(SHA256.HashData(v2)));
    }

    [Fact]
    public async Task Drift_is_detected_on_a_requested_reconcile_and_corrected()
    {
        var v1 = SampleCanisters.Hello;
        await CreateTemplate(("1.0.0", v1));
        await CreateDeployment("1.0.0", arg: null);
        var ready = await WaitFor(d => Condition(d, "Ready", ConditionStatus.True));
        var canister = Principal.Parse(ready.Status!.CanisterId!);

        // Someone holding the operator's key installs another module behind its back (a Motoko canister keeps its memory).
        using var agent = Agent(IdentityPem.Parse(operatorPem));
        var other = LabelledModule.Of(v1, "tampered");
        await new ManagementCanister(agent).InstallCodeAsync(canister, CanisterInstallMode.UpgradeMode(persistence: IcOperator.Agent.Management.WasmMemoryPersistence.Keep), other, CandidEncoder.Encode([]));
        Convert.ToHexStringLower(ic.GetCanister(canister)!.ModuleHash!).Should().Be(Convert.ToHexStringLower(SHA256.HashData(other)));

        await kube.Client.PatchAsync(OperatorResources.CanisterDeployments, "web", "default", KubePatch.Merge(new JsonObject
        {
            ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [Annotations.ReconcileRequestedAt] = "drift-check-1" } },
        }));
        var corrected = await WaitFor(d => d.Status?.LastHandledReconcileAt == "drift-check-1" && d.Status.LastOperation?.Result == OperationResult.Succeeded
            && d.Status.LastOperation.FromModuleHash == Convert.ToHexStringLower(SHA256.HashData(other)) && Condition(d, "Ready", ConditionStatus.True)
            && d.Status.ModuleHash == Convert.ToHexStringLower(SHA256.HashData(v1)));

        Convert.ToHexStringLower(ic.GetCanister(canister)!.ModuleHash!).Should().Be(Convert.ToHexStringLower(SHA256.HashData(v1)));
        corrected.Status!.History.Should().HaveCountGreaterThanOrEqualTo(2);
    }

    [Fact]
    public async Task Deleting_with_deletion_policy_delete_stops_and_deletes_the_canister()
    {
        await CreateTemplate(("1.0.0", SampleCanisters.Hello));
        await CreateDeployment("1.0.0", arg: null);
        var ready = await WaitFor(d => Condition(d, "Ready", ConditionStatus.True));
        var canister = Principal.Parse(ready.Status!.CanisterId!);
        await kube.Client.PatchAsync(OperatorResources.CanisterDeployments, "web", "default", KubePatch.Merge(new JsonObject { ["spec"] = new JsonObject { ["deletionPolicy"] = "Delete" } }));
        await WaitFor(d => d.Metadata.Generation == d.Status?.ObservedGeneration && Condition(d, "Ready", ConditionStatus.True));

        await kube.Client.DeleteAsync(OperatorResources.CanisterDeployments, "web", "default");

        await KubeEnvironment.EventuallyAsync(
            () => kube.Client.TryGetAsync(OperatorResources.CanisterDeployments, "web", "default"),
            d => d is null,
            TimeSpan.FromSeconds(60));
        ic.GetCanister(canister).Should().BeNull("deletionPolicy: Delete deletes the canister before the finalizer is removed");
    }

    [Fact]
    public async Task Observe_only_adopts_an_existing_canister_and_never_changes_it()
    {
        await CreateTemplate(("1.0.0", SampleCanisters.Hello), ("2.0.0", LabelledModule.Of(SampleCanisters.Hello, "2.0.0")));
        await CreateDeployment("1.0.0", arg: null);
        var owner = await WaitFor(d => Condition(d, "Ready", ConditionStatus.True));
        var canister = Principal.Parse(owner.Status!.CanisterId!);
        var changes = ic.GetCanister(canister)!.TotalChanges;

        await kube.Client.CreateAsync(OperatorResources.CanisterDeployments, new CanisterDeployment
        {
            Metadata = new V1ObjectMeta { Name = "watcher", NamespaceProperty = "default" },
            Spec = new CanisterDeploymentSpec
            {
                NetworkRef = new LocalObjectReference { Name = "local" },
                Template = new TemplateVersionReference { Name = "app", Version = "2.0.0" },
                CanisterId = canister.ToString(),
                ManagementPolicy = ManagementPolicy.ObserveOnly,
            },
        });

        var watcher = await KubeEnvironment.EventuallyAsync(
            () => kube.Client.GetAsync(OperatorResources.CanisterDeployments, "watcher", "default"),
            d => d.Status?.Conditions.Any(c => c.Type == "Ready" && c.Reason == CanisterDeploymentReasons.ModuleMismatch) == true);

        watcher.Status!.CanisterId.Should().Be(canister.ToString());
        watcher.Status.Cycles.Should().NotBeNullOrEmpty("what is read is reported");
        ic.GetCanister(canister)!.TotalChanges.Should().Be(changes, "ObserveOnly never changes the canister, even when it runs another version");
        Convert.ToHexStringLower(ic.GetCanister(canister)!.ModuleHash!).Should().Be(owner.Status.ModuleHash);
    }

    [Fact]
    public async Task Upgrade_with_an_incompatible_interface_is_refused_when_checked_and_attempted_when_not()
    {
        // The Motoko hello canister's interface is { get; greet; health; increment; version; whoami }; the Motoko
        // "big" canister's is { health; size }. Dropping `get` breaks clients that call it: not a subtype.
        var v1 = SampleCanisters.Hello;
        var v2 = SampleCanisters.Big;
        await CreateTemplate(("1.0.0", v1), ("2.0.0", v2));
        await CreateDeployment("1.0.0", arg: null);
        var ready = await WaitFor(d => Condition(d, "Ready", ConditionStatus.True));
        var canister = Principal.Parse(ready.Status!.CanisterId!);
        var installsBefore = Installs();
        var stopsBefore = ic.Counters.Calls("stop_canister");
        var snapshotsBefore = ic.Counters.Calls("take_canister_snapshot");

        await SetVersion("2.0.0");
        var refused = await WaitFor(d => Condition(d, "Stalled", ConditionStatus.True));

        var stalled = refused.Status!.Conditions.Single(c => c.Type == "Stalled");
        stalled.Reason.Should().Be(CanisterDeploymentReasons.InterfaceIncompatible);
        stalled.Message.Should().Contain("2.0.0").And.Contain("checkInterface").And.Contain("get");
        refused.Status.Conditions.Single(c => c.Type == "Ready").Status.Should().Be(ConditionStatus.False);
        refused.Status.Version.Should().Be("1.0.0");
        refused.Status.ModuleHash.Should().Be(Convert.ToHexStringLower(SHA256.HashData(v1)));
        Convert.ToHexStringLower(ic.GetCanister(canister)!.ModuleHash!).Should().Be(Convert.ToHexStringLower(SHA256.HashData(v1)));
        Installs().Should().Be(installsBefore, "a refused upgrade makes no install call");
        ic.Counters.Calls("stop_canister").Should().Be(stopsBefore, "the canister is not even stopped");
        ic.Counters.Calls("take_canister_snapshot").Should().Be(snapshotsBefore);

        // With the check off the operator installs; Motoko's runtime then refuses to drop hello's stable counter,
        // as it would on the IC, and the old module runs on.
        await kube.Client.PatchAsync(OperatorResources.CanisterDeployments, "web", "default", KubePatch.Merge(new JsonObject { ["spec"] = new JsonObject { ["upgrade"] = new JsonObject { ["checkInterface"] = false } } }));
        var attempted = await WaitFor(d => d.Status?.LastOperation?.Result == OperationResult.Failed && d.Status.ObservedGeneration == d.Metadata.Generation);

        attempted.Status!.LastOperation!.Message.Should().Contain("Memory-incompatible program upgrade");
        attempted.Status.ModuleHash.Should().Be(Convert.ToHexStringLower(SHA256.HashData(v1)));
        Convert.ToHexStringLower(ic.GetCanister(canister)!.ModuleHash!).Should().Be(Convert.ToHexStringLower(SHA256.HashData(v1)));
        Installs().Should().Be(installsBefore + 1, "with checkInterface off the same upgrade is installed once");
    }

    /// <summary>The events.k8s.io/v1 Events regarding CanisterDeployment/web, read back through the API, oldest first.</summary>
    private async Task<List<Eventsv1Event>> EventsAboutWeb() =>
        [.. (await kube.Client.ListAsync(CoreResources.Events, "default")).Items
            .Where(e => e.Regarding is { Kind: "CanisterDeployment", Name: "web", NamespaceProperty: "default" })
            .OrderBy(e => e.EventTime)];

    private static bool Has(IEnumerable<Eventsv1Event> events, string type, string reason) => events.Any(e => e.Type == type && e.Reason == reason);

    [Fact]
    public async Task A_deploy_records_events_for_each_step_regarding_the_deployment()
    {
        await CreateTemplate(("1.0.0", SampleCanisters.Hello));
        await CreateDeployment("1.0.0", arg: null);
        var ready = await WaitFor(d => Condition(d, "Ready", ConditionStatus.True));

        var events = await KubeEnvironment.EventuallyAsync(EventsAboutWeb, e => Has(e, EventTypes.Normal, CanisterDeploymentReasons.Deployed));

        events.Select(e => e.Reason).Should().ContainInOrder(
            CanisterDeploymentReasons.Creating, CanisterDeploymentReasons.Installing, CanisterDeploymentReasons.Verifying, CanisterDeploymentReasons.Deployed);
        events.Should().OnlyContain(e => e.Type == EventTypes.Normal, "nothing went wrong");
        events.Should().OnlyContain(e => e.Regarding!.Uid == ready.Metadata.Uid && e.Regarding.ApiVersion == ready.ApiVersion && e.ReportingController == "ic-operator");
        events.Single(e => e.Reason == CanisterDeploymentReasons.Deployed).Note.Should().Contain(ready.Status!.CanisterId).And.Contain("1.0.0");
    }

    [Fact]
    public async Task A_rollback_records_warning_events_that_say_why_regarding_the_deployment()
    {
        await CreateTemplate(("1.0.0", SampleCanisters.Hello), ("2.0.0", SampleCanisters.HelloV2));
        await CreateDeployment("1.0.0", arg: null);
        await WaitFor(d => Condition(d, "Ready", ConditionStatus.True));
        await SetVersion("2.0.0");
        var stalled = await WaitFor(d => Condition(d, "Stalled", ConditionStatus.True));

        var events = await KubeEnvironment.EventuallyAsync(EventsAboutWeb, e => Has(e, EventTypes.Warning, CanisterDeploymentReasons.RolledBack));

        events.Select(e => e.Reason).Should().ContainInOrder(
            CanisterDeploymentReasons.Deployed, CanisterDeploymentReasons.Upgrading, CanisterDeploymentReasons.Verifying, CanisterDeploymentReasons.RollingBack, CanisterDeploymentReasons.RolledBack);
        var rolledBack = events.Single(e => e.Reason == CanisterDeploymentReasons.RolledBack);
        rolledBack.Note.Should().Contain("2.0.0").And.Contain("1.0.0");
        events.First(e => e.Reason == CanisterDeploymentReasons.RollingBack).Note.Should().Contain("health check failed");
        events.Should().OnlyContain(e => e.Regarding!.Uid == stalled.Metadata.Uid);
    }
}
