using System.Numerics;
using System.Text;
using IcOperator.Agent.CyclesLedger;
using IcOperator.Agent.Management;
using IcOperator.Agent.Responses;
using IcOperator.Agent.Transport;
using IcOperator.Candid;
using IcOperator.Emulators.Ic;
using IcOperator.Emulators.Ic.Modules;
using WasmModule = IcOperator.Agent.Wasm.WasmModule;

namespace IcOperator.Agent.Tests.EndToEnd;

/// <summary>
/// The typed clients over the HTTP agent against the IC emulator, with real BLS-verified certificates and checked
/// query signatures: the lifecycle the operator runs (create, chunked install, upgrade, snapshot, load, settings,
/// status, delete) and the failure cases it must survive.
/// </summary>
public sealed class TypedClientsEndToEndTests(EmulatorNetwork network) : IClassFixture<EmulatorNetwork>
{
    private static readonly byte[] Empty = CandidEncoder.Encode([], []);

    [Fact]
    public async Task Create_chunked_install_upgrade_snapshot_load_settings_status_and_delete()
    {
        using var agent = network.Agent();
        var management = new ManagementCanister(agent);

        var id = await management.ProvisionalCreateCanisterWithCyclesAsync(50_000_000_000_000, new CanisterSettings { Controllers = [agent.Sender] });
        var fresh = await management.CanisterStatusAsync(id);
        fresh.Status.Should().Be(CanisterStatusKind.Running);
        fresh.ModuleHash.Should().BeNull();
        fresh.Settings.Controllers.Should().Equal(agent.Sender);

        var v1 = WasmModule.Parse(new TestModuleBuilder()
            .WithLabel("1.0.0")
            .WithInit(new LifecycleBehavior { State = new Dictionary<string, string> { ["v"] = "(\"initial\")" }, Log = "init ran" })
            .WithMethod("get", new MethodBehavior { Query = true, Load = "v" })
            .WithMethod("set", new MethodBehavior { Store = "v" })
            .WithCandidService("service : { get : () -> (text) query; set : (text) -> () }")
            .WithSizeAtLeast(2 * 1024 * 1024)
            .Build());
        v1.NeedsChunkedInstall(Empty.Length).Should().BeTrue();
        v1.CandidService.Should().Contain("get : () -> (text) query");
        await management.InstallModuleAsync(id, v1, CanisterInstallMode.InstallMode, Empty);
        network.Emulator.Counters.Calls("install_chunked_code").Should().BeGreaterThan(0);
        (await management.StoredChunksAsync(id)).Should().BeEmpty("the store is cleared after installing");
        (await management.CanisterStatusAsync(id)).ModuleHash.Should().Equal(v1.Sha256);
        (await Get(agent, id)).Should().Be("initial");

        var certified = await agent.ReadStateAsync(id, [StatePaths.CanisterModuleHash(id), StatePaths.CanisterMetadata(id, "candid:service")]);
        certified.Tree.LookupPath(StatePaths.CanisterModuleHash(id)).Value.Should().Equal(v1.Sha256);
        Encoding.UTF8.GetString(certified.Tree.LookupPath(StatePaths.CanisterMetadata(id, "candid:service")).Value!).Should().Be(v1.CandidService);

        (await agent.ReadModuleHashAsync(id)).Should().Equal(v1.Sha256);
        (await agent.ReadControllersAsync(id)).Should().Equal(agent.Sender);
        Encoding.UTF8.GetString((await agent.ReadMetadataAsync(id, "candid:service"))!).Should().Be(v1.CandidService);
        (await agent.ReadMetadataAsync(id, "no-such-section")).Should().BeNull();
        (await agent.ReadTimeAsync(id)).Should().BeCloseTo(network.Emulator.Clock.GetUtcNow(), TimeSpan.FromMinutes(1));

        await agent.CallAsync(id, "set", CandidText.EncodeArguments("(\"kept\")", [CandidType.Text]));
        var v2 = WasmModule.Parse(new TestModuleBuilder().WithLabel("2.0.0").WithMethod("get", new MethodBehavior { Query = true, Load = "v" }).WithMethod("set", new MethodBehavior { Store = "v" }).BuildGzip());
        v2.IsGzip.Should().BeTrue();
        await management.InstallModuleAsync(id, v2, CanisterInstallMode.UpgradeMode(skipPreUpgrade: false), Empty);
        (await management.CanisterStatusAsync(id)).ModuleHash.Should().Equal(v2.Sha256, "the IC hashes the module as installed, gzip included");
        (await Get(agent, id)).Should().Be("kept", "state survives an upgrade");

        await management.StopCanisterAsync(id);
        var snapshot = await management.TakeCanisterSnapshotAsync(id);
        await management.StartCanisterAsync(id);
        await agent.CallAsync(id, "set", CandidText.EncodeArguments("(\"after snapshot\")", [CandidType.Text]));
        (await Get(agent, id)).Should().Be("after snapshot");
        await management.StopCanisterAsync(id);
        await management.LoadCanisterSnapshotAsync(id, snapshot.Id);
        await management.StartCanisterAsync(id);
        (await Get(agent, id)).Should().Be("kept", "loading the snapshot restores the state it holds");

        await management.StopCanisterAsync(id);
        var replaced = await management.TakeCanisterSnapshotAsync(id, replaceSnapshot: snapshot.Id);
        var snapshots = await management.ListCanisterSnapshotsAsync(id);
        snapshots.Should().ContainSingle().Which.Id.Should().Equal(replaced.Id);
        await management.DeleteCanisterSnapshotAsync(id, replaced.Id);
        (await management.ListCanisterSnapshotsAsync(id)).Should().BeEmpty();
        await management.StartCanisterAsync(id);

        var viewer = Principal.FromCanisterIndex(12345);
        await management.UpdateSettingsAsync(id, new CanisterSettings
        {
            FreezingThreshold = 3_000_000,
            WasmMemoryLimit = 1L << 30,
            WasmMemoryThreshold = 1L << 20,
            LogVisibility = new LogVisibility.AllowedViewers([viewer]),
            EnvironmentVariables = [new EnvironmentVariable("MODE", "test")],
        });
        var status = await management.CanisterStatusAsync(id);
        status.Settings.FreezingThreshold.Should().Be(new BigInteger(3_000_000));
        status.Settings.WasmMemoryThreshold.Should().Be(new BigInteger(1L << 20));
        status.Settings.LogVisibility.Should().BeOfType<LogVisibility.AllowedViewers>().Which.Value.Should().Equal(viewer);
        status.Settings.EnvironmentVariables.Should().Equal(new EnvironmentVariable("MODE", "test"));
        status.Settings.Controllers.Should().Equal(new[] { agent.Sender }, "unset fields are left alone");
        (await management.FetchCanisterLogsAsync(id)).Select(l => Encoding.UTF8.GetString(l.Content)).Should().Contain("init ran");

        await management.StopCanisterAsync(id);
        await management.DeleteCanisterAsync(id);
        var gone = () => management.CanisterStatusAsync(id);
        (await gone.Should().ThrowAsync<IcRejectException>()).Which.RejectCode.Should().Be(RejectCode.DestinationInvalid);
        (await agent.ReadModuleHashAsync(id)).Should().BeNull("a deleted canister has no module");
    }

    [Fact]
    public async Task Lost_responses_and_throttling_never_execute_an_update_twice()
    {
        using var agent = network.Agent();
        var management = new ManagementCanister(agent);
        var id = await management.ProvisionalCreateCanisterWithCyclesAsync(10_000_000_000_000, null);
        await management.InstallCodeAsync(id, CanisterInstallMode.InstallMode, new TestModuleBuilder().WithMethod("bump", new MethodBehavior { Store = "n" }).Build(), Empty);

        var before = network.Emulator.Counters.Calls("bump");
        network.Emulator.Faults.Seed(7);
        network.Emulator.Faults.ThrottledShare = 0.3;
        network.Emulator.Faults.DropResponses("bump", 2);
        try
        {
            await agent.CallAsync(id, "bump", CandidText.EncodeArguments("(\"x\")", [CandidType.Text]));
        }
        finally
        {
            network.Emulator.Faults.Reset();
        }

        network.Emulator.Counters.Calls("bump").Should().Be(before + 1);
    }

    [Fact]
    public async Task Cycles_ledger_creation_is_deduplicated_by_created_at_time_and_withdraw_tops_up()
    {
        using var agent = network.Agent();
        network.Emulator.MintCycles(agent.Sender, 20_000_000_000_000);
        var ledger = new CyclesLedgerClient(agent, IcEmulator.CyclesLedgerId);
        var createdAt = (ulong)network.Emulator.Clock.GetUtcNow().ToUnixTimeMilliseconds() * 1_000_000;
        var created = network.Emulator.Counters.CanistersCreated;

        var first = await ledger.CreateCanisterAsync(3_000_000_000_000, createdAt, new LedgerCanisterSettings { Controllers = [agent.Sender] });
        var again = await ledger.CreateCanisterAsync(3_000_000_000_000, createdAt, new LedgerCanisterSettings { Controllers = [agent.Sender] });
        again.Should().Be(first, "a resent creation with the same created_at_time names the canister already made");
        network.Emulator.Counters.CanistersCreated.Should().Be(created + 1);

        var cyclesBefore = (await new ManagementCanister(agent).CanisterStatusAsync(first)).Cycles;
        await ledger.WithdrawAsync(first, 1_000_000_000_000, createdAt + 1);
        (await new ManagementCanister(agent).CanisterStatusAsync(first)).Cycles.Should().BeGreaterThan(cyclesBefore);
        (await ledger.BalanceAsync(agent.Sender)).Should().Be(network.Emulator.CyclesLedgerBalance(agent.Sender));

        var poor = () => ledger.CreateCanisterAsync(1_000_000_000_000_000, createdAt + 2);
        (await poor.Should().ThrowAsync<CyclesLedgerException>()).Which.Error.Should().BeOfType<CreateCanisterError.InsufficientFunds>();
    }

    [Fact]
    public async Task Only_controllers_manage_a_canister()
    {
        using var agent = network.Agent();
        using var stranger = new Identities.Ed25519IdentityScope();
        using var strangerAgent = network.Agent(stranger.Identity);
        var id = await new ManagementCanister(agent).ProvisionalCreateCanisterWithCyclesAsync(10_000_000_000_000, null);
        var act = () => new ManagementCanister(strangerAgent).StopCanisterAsync(id);
        var reject = (await act.Should().ThrowAsync<IcRejectException>()).Which;
        reject.RejectCode.Should().Be(RejectCode.CanisterError);
        reject.ErrorCode.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task A_query_to_a_second_canister_on_a_subnet_reuses_the_node_keys_read_for_the_first()
    {
        using var agent = network.Agent();
        var management = new ManagementCanister(agent);
        var module = new TestModuleBuilder().WithQuery("get", "(\"x\")").Build();
        var first = await management.ProvisionalCreateCanisterWithCyclesAsync(10_000_000_000_000, null);
        var second = await management.ProvisionalCreateCanisterWithCyclesAsync(10_000_000_000_000, null);
        await management.InstallCodeAsync(first, CanisterInstallMode.InstallMode, module, Empty);
        await management.InstallCodeAsync(second, CanisterInstallMode.InstallMode, module, Empty);

        (await Get(agent, first)).Should().Be("x");
        (await Get(agent, second)).Should().Be("x");

        var keyReads = network.Emulator.Counters.ReadStates.Where(r => r.Roots.SequenceEqual(["subnet"]) && (r.Through == first || r.Through == second)).ToList();
        keyReads.Should().ContainSingle("the second canister is in the ranges the root key certified for the subnet whose node keys were read for the first")
            .Which.Through.Should().Be(first);
    }

    [Fact]
    public async Task Concurrent_first_queries_to_canisters_of_one_subnet_read_its_node_keys_once()
    {
        var module = new TestModuleBuilder().WithQuery("get", "(\"x\")").Build();
        var canisters = new List<Principal>();
        using (var installer = network.Agent())
        {
            var management = new ManagementCanister(installer);
            for (var i = 0; i < 4; i++)
            {
                var id = await management.ProvisionalCreateCanisterWithCyclesAsync(10_000_000_000_000, null);
                await management.InstallCodeAsync(id, CanisterInstallMode.InstallMode, module, Empty);
                canisters.Add(id);
            }
        }

        // A fresh agent knows no node keys: forty queries at once, ten to each canister, all need the subnet's.
        using var agent = network.Agent();
        var mark = network.Emulator.Counters.ReadStatesLogged;
        var replies = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Get(agent, canisters[i % canisters.Count])));

        replies.Should().OnlyContain(r => r == "x");
        var keyReads = network.Emulator.Counters.ReadStatesSince(mark).Where(r => r.Roots.SequenceEqual(["subnet"])).ToList();
        keyReads.Should().ContainSingle("queries waiting for the node keys share the one read in flight, and the subnet's certified ranges cover every canister on it");
    }

    private static async Task<string> Get(HttpAgent agent, Principal id) =>
        CandidDecoder.Decode(await agent.QueryAsync(id, "get", Empty), [CandidType.Text])[0].AsText();
}
