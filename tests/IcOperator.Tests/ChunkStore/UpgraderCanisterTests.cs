using System.Security.Cryptography;
using IcOperator.Agent.Bls;
using IcOperator.Agent.Identities;
using IcOperator.Agent.Management;
using IcOperator.Agent.Transport;
using IcOperator.Agent.Wasm;
using IcOperator.Candid;
using IcOperator.ChunkStore;
using IcOperator.Emulators.Ic;
using IcOperator.Emulators.Ic.Modules;
using IcOperator.Testing;
using IcOperator.Tests.Wasm;

namespace IcOperator.Tests.ChunkStore;

/// <summary>
/// The Motoko upgrader, running as Wasm in the IC emulator as a network's chunk-store canister: one call stops,
/// snapshots, installs from its own store and starts a canister it controls, through the management canister.
/// </summary>
public sealed class UpgraderCanisterTests : IAsyncLifetime
{
    private static readonly string CanisterDir = Path.Combine(TestPaths.RepoRoot, "src", "IcOperator", "ChunkStore", "UpgraderCanister");
    private static readonly byte[] NoArgs = CandidEncoder.Encode([], []);

    private readonly Ed25519Identity operatorIdentity = Ed25519Identity.Generate();
    private IcEmulator ic = null!;
    private HttpAgent agent = null!;
    private ManagementCanister management = null!;
    private Principal upgrader = null!;

    public async Task InitializeAsync()
    {
        ic = await IcEmulator.StartAsync();
        agent = new HttpAgent(new HttpAgentOptions { Url = ic.Url, Identity = operatorIdentity, RootKeySource = RootKeySource.Fetch, SignatureVerifier = new Bls12381SignatureVerifier() });
        management = new ManagementCanister(agent);
        upgrader = await management.ProvisionalCreateCanisterWithCyclesAsync(10_000_000_000_000, null);
    }

    public async Task DisposeAsync()
    {
        agent.Dispose();
        await ic.DisposeAsync();
        operatorIdentity.Dispose();
    }

    [Fact]
    public void Embedded_module_is_the_committed_one_with_the_committed_sha256()
    {
        var committed = CommittedModule.Read(CanisterDir, "upgrader.wasm");

        Assert.Equal(committed.Wasm, UpgraderModule.Wasm);
        Assert.Equal(committed.Sha256Hex, UpgraderModule.Sha256Hex);
        var service = DidFile.Parse(WasmModule.Parse(UpgraderModule.Wasm).CandidService!).Service!;
        Assert.Equal(["upgrade"], service.Methods.Select(m => m.Name));
    }

    [RequiresToolFact("node", "motoko")]
    public async Task Recompiling_Upgrader_mo_gives_the_committed_module()
    {
        var check = await ToolRun.RunAsync(PeerTools.Node!, [Path.Combine(CanisterDir, "build.js"), "--check"], timeout: TimeSpan.FromMinutes(15));

        check.ShouldSucceed();
        Assert.Contains(UpgraderModule.Sha256Hex, check.Stdout);
    }

    [Fact]
    public async Task Installing_the_upgrader_into_a_chunk_store_keeps_its_chunks()
    {
        var hashes = await UploadAsync(SampleCanisters.HelloV2);

        await InstallUpgraderAsync();

        Assert.Equal(hashes.Select(Convert.ToHexStringLower).Order(), ic.GetCanister(upgrader)!.ChunkHashes.Select(Convert.ToHexStringLower).Order());
    }

    [Fact]
    public async Task One_call_stops_snapshots_installs_from_its_store_and_starts_the_canister_keeping_its_state()
    {
        var v2 = SampleCanisters.HelloV2;
        var hashes = await UploadAsync(v2);
        await InstallUpgraderAsync();
        var target = await HelloAsync(controlledByUpgrader: true);
        await IncrementAsync(target, times: 3);
        var skip = ic.Counters.UpdateCallsLogged;

        var reply = UpgraderCalls.Read(await agent.CallAsync(upgrader, "upgrade", UpgraderCalls.Upgrade(upgrader, Request(target, v2, hashes, snapshot: true)).Arg));

        Assert.Null(reply.Failure);
        var calls = ic.Counters.UpdateCallsSince(skip).Where(c => c.Canister == target).ToList();
        Assert.Equal(["stop_canister", "take_canister_snapshot", "install_chunked_code", "start_canister"], calls.Select(c => c.Method));
        Assert.All(calls, c => Assert.Equal(upgrader, c.MadeBy));
        Assert.All(calls, c => Assert.True(c.Replied));
        var view = ic.GetCanister(target)!;
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(v2)), view.ModuleHashHex);
        Assert.Equal(Emulators.Ic.Canisters.CanisterStatus.Running, view.Status);
        Assert.Equal(reply.SnapshotId, Assert.Single(view.Snapshots).IdHex);
        Assert.Equal(3, await GetAsync(target));
        // Down from the stop to the start, both made within the one ingress message: no consensus round in between. The
        // log reads the clock just after each call, the downtime just inside it, so they agree to a few microseconds.
        var window = calls[3].ExecutedAt - calls[0].ExecutedAt;
        Assert.InRange(ic.CanisterDowntime(target)!.Value, window - TimeSpan.FromMilliseconds(5), window + TimeSpan.FromMilliseconds(5));
    }

    [Fact]
    public async Task An_install_that_traps_leaves_the_old_module_running_and_returns_the_snapshot_taken()
    {
        var broken = SampleCanisters.PostUpgradeTrap;
        var hashes = await UploadAsync(broken);
        await InstallUpgraderAsync();
        var target = await HelloAsync(controlledByUpgrader: true);
        var before = ic.GetCanister(target)!.ModuleHashHex;
        await IncrementAsync(target, times: 2);

        var reply = UpgraderCalls.Read(await agent.CallAsync(upgrader, "upgrade", UpgraderCalls.Upgrade(upgrader, Request(target, broken, hashes, snapshot: true)).Arg));

        var failure = reply.Failure!;
        Assert.Equal("install", failure.Step);
        Assert.Equal(5u, failure.RejectCode);
        Assert.Contains("trap", failure.Message, StringComparison.OrdinalIgnoreCase);
        Assert.False(failure.Stopped);
        var view = ic.GetCanister(target)!;
        Assert.Equal(before, view.ModuleHashHex);
        Assert.Equal(Emulators.Ic.Canisters.CanisterStatus.Running, view.Status);
        Assert.Equal(reply.SnapshotId, Assert.Single(view.Snapshots).IdHex);
        Assert.Equal(2, await GetAsync(target));
    }

    [Fact]
    public async Task Without_control_of_the_canister_the_stop_fails_and_nothing_changes()
    {
        var v2 = SampleCanisters.HelloV2;
        var hashes = await UploadAsync(v2);
        await InstallUpgraderAsync();
        var target = await HelloAsync(controlledByUpgrader: false);
        var before = ic.GetCanister(target)!;

        var reply = UpgraderCalls.Read(await agent.CallAsync(upgrader, "upgrade", UpgraderCalls.Upgrade(upgrader, Request(target, v2, hashes, snapshot: true)).Arg));

        Assert.Equal("stop", reply.Failure!.Step);
        Assert.Contains("controller", reply.Failure.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Null(reply.SnapshotId);
        var after = ic.GetCanister(target)!;
        Assert.Equal(before.ModuleHashHex, after.ModuleHashHex);
        Assert.Equal(Emulators.Ic.Canisters.CanisterStatus.Running, after.Status);
        Assert.Empty(after.Snapshots);
    }

    [Fact]
    public async Task A_caller_that_is_not_its_controller_is_refused()
    {
        var v2 = SampleCanisters.HelloV2;
        var hashes = await UploadAsync(v2);
        await InstallUpgraderAsync();
        var target = await HelloAsync(controlledByUpgrader: true);
        using var stranger = Ed25519Identity.Generate();
        using var strangerAgent = new HttpAgent(new HttpAgentOptions { Url = ic.Url, Identity = stranger, RootKeySource = RootKeySource.Fetch, SignatureVerifier = new Bls12381SignatureVerifier() });

        var refused = await Assert.ThrowsAsync<IcRejectException>(() => strangerAgent.CallAsync(upgrader, "upgrade", UpgraderCalls.Upgrade(upgrader, Request(target, v2, hashes, snapshot: true)).Arg));

        Assert.Contains($"only by a controller of the upgrader {upgrader}, not by {stranger.Sender}", refused.RejectMessage, StringComparison.Ordinal);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(SampleCanisters.Hello)), ic.GetCanister(target)!.ModuleHashHex);
        Assert.Empty(ic.GetCanister(target)!.Snapshots);
    }

    private static UpgradeRequest Request(Principal target, byte[] module, IReadOnlyList<byte[]> hashes, bool snapshot) => new()
    {
        Canister = target,
        WasmModuleHash = SHA256.HashData(module),
        ChunkHashes = hashes,
        Arg = NoArgs,
        WasmMemoryPersistence = "keep",
        Snapshot = snapshot,
    };

    private async Task<IReadOnlyList<byte[]>> UploadAsync(byte[] module)
    {
        var hashes = new List<byte[]>();
        for (var offset = 0; offset < module.Length; offset += 1_000_000)
        {
            hashes.Add(await management.UploadChunkAsync(upgrader, module.AsMemory(offset, Math.Min(module.Length - offset, 1_000_000))));
        }

        return hashes;
    }

    private Task InstallUpgraderAsync() => management.InstallCodeAsync(upgrader, CanisterInstallMode.InstallMode, UpgraderModule.Wasm, NoArgs);

    private async Task<Principal> HelloAsync(bool controlledByUpgrader)
    {
        var controllers = controlledByUpgrader ? new[] { operatorIdentity.Sender, upgrader } : [operatorIdentity.Sender];
        var target = await management.ProvisionalCreateCanisterWithCyclesAsync(10_000_000_000_000, new CanisterSettings { Controllers = controllers });
        await management.InstallCodeAsync(target, CanisterInstallMode.InstallMode, SampleCanisters.Hello, NoArgs);
        return target;
    }

    private async Task IncrementAsync(Principal target, int times)
    {
        for (var i = 0; i < times; i++)
        {
            await agent.CallAsync(target, "increment", NoArgs);
        }
    }

    private async Task<int> GetAsync(Principal target) =>
        (int)CandidDecoder.DecodeOne(await agent.QueryAsync(target, "get", NoArgs), CandidType.Nat).AsBigInteger();
}
