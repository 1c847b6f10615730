using System.Security.Cryptography;
using System.Text;
using IcOperator.Candid;
using IcOperator.Emulators.Ic.Canisters;
using IcOperator.Emulators.Ic.Management;
using IcOperator.Emulators.Ic.Modules;
using IcOperator.Emulators.Ic.Rejects;

namespace IcOperator.Emulators.Tests.Ic.Wasm;

/// <summary>The Motoko canisters of <c>canisters/</c>, built by the real compiler, running in the emulator.</summary>
public sealed class MotokoCanisterTests(WasmReplica ic) : IClassFixture<WasmReplica>
{
    private static readonly UpgradeOptions Keep = new(WasmMemoryPersistence: "keep");

    [Fact]
    public void Hello_counts_answers_queries_and_logs()
    {
        var hello = ic.Deploy(SampleCanisters.Hello);

        ic.Text(hello, "increment").Should().Be("(1)");
        ic.Text(hello, "increment").Should().Be("(2)");
        ic.Query(hello, "get").Should().Be("(2)");
        ic.Query(hello, "greet", "(\"operator\")").Should().Be("(\"Hello, operator!\")");
        ic.Health(hello).Should().Be("(variant { ok })");
        ic.Query(hello, "whoami").Should().Be($"(principal \"{WasmReplica.Alice}\")");
        Encoding.UTF8.GetString(ic.View(hello).Logs[^1].Content).Should().Be("counter is now 2");
    }

    [Fact]
    public void Upgrade_with_memory_kept_keeps_the_counter_and_runs_the_new_code()
    {
        var hello = ic.Deploy(SampleCanisters.Hello);
        ic.Text(hello, "increment");
        ic.Text(hello, "increment");

        ic.Install(hello, SampleCanisters.HelloV2, mode: InstallMode.Upgrade, upgrade: Keep);

        ic.Query(hello, "get").Should().Be("(2)");
        ic.Query(hello, "version").Should().Be("(\"2.0.0\")");
        ic.Health(hello).Should().Be("(variant { degraded = \"version 2 cannot reach its dependencies\" })");
        ic.Text(hello, "increment").Should().Be("(3)");
        ic.View(hello).ModuleHash.Should().Equal(SHA256.HashData(SampleCanisters.HelloV2));
    }

    [Fact]
    public void Upgrade_of_enhanced_orthogonal_persistence_without_keep_is_refused_and_changes_nothing()
    {
        var hello = ic.Deploy(SampleCanisters.Hello);
        ic.Text(hello, "increment");

        var refused = () => ic.Install(hello, SampleCanisters.HelloV2, mode: InstallMode.Upgrade);

        refused.Should().Throw<IcRejectException>().Where(e => e.ErrorCode == IcErrorCode.CanisterContractViolation
            && e.Message.Contains("wasm_memory_persistence", StringComparison.Ordinal));
        ic.Query(hello, "version").Should().Be("(\"1.0.0\")");
        ic.Query(hello, "get").Should().Be("(1)");
    }

    [Fact]
    public void Reinstall_starts_from_fresh_memory()
    {
        var hello = ic.Deploy(SampleCanisters.Hello);
        ic.Text(hello, "increment");

        ic.Install(hello, SampleCanisters.Hello, mode: InstallMode.Reinstall);

        ic.Query(hello, "get").Should().Be("(0)");
    }

    [Fact]
    public void A_trap_in_postupgrade_leaves_the_old_module_and_its_state()
    {
        var hello = ic.Deploy(SampleCanisters.Hello);
        ic.Text(hello, "increment");
        ic.Text(hello, "increment");
        var version = ic.View(hello).Version;

        var upgrade = () => ic.Install(hello, SampleCanisters.PostUpgradeTrap, mode: InstallMode.Upgrade, upgrade: Keep);

        upgrade.Should().Throw<IcRejectException>().Where(e => e.ErrorCode == IcErrorCode.CanisterCalledTrap
            && e.Message.Contains("postupgrade failed: the migration of counter 2 is not possible", StringComparison.Ordinal));
        ic.Query(hello, "version").Should().Be("(\"1.0.0\")");
        ic.Query(hello, "get").Should().Be("(2)");
        ic.Text(hello, "increment").Should().Be("(3)");
        ic.View(hello).ModuleHash.Should().Equal(SHA256.HashData(SampleCanisters.Hello));
        ic.View(hello).Version.Should().Be(version);
    }

    [Fact]
    public void A_trap_in_init_leaves_the_canister_empty()
    {
        var canister = ic.Create();

        var install = ic.Installing(canister, SampleCanisters.InitTrap);

        install.Should().Throw<IcRejectException>().Where(e => e.RejectCode == IcRejectCode.CanisterError
            && e.ErrorCode == IcErrorCode.CanisterCalledTrap && e.Message.Contains("init failed: no configuration given", StringComparison.Ordinal));
        ic.View(canister).ModuleHash.Should().BeNull();
        var call = () => ic.Query(canister, "health");
        call.Should().Throw<IcRejectException>().Where(e => e.ErrorCode == IcErrorCode.CanisterWasmModuleNotFound);
    }

    [Fact]
    public void A_snapshot_restores_the_counter_and_the_module()
    {
        var hello = ic.Deploy(SampleCanisters.Hello);
        ic.Text(hello, "increment");
        ic.Text(hello, "increment");
        ic.Stop(hello);
        var snapshot = ic.Locked(m => m.TakeCanisterSnapshot(WasmReplica.Alice, hello, null));
        ic.Start(hello);
        ic.Install(hello, SampleCanisters.HelloV2, mode: InstallMode.Upgrade, upgrade: Keep);
        ic.Text(hello, "increment").Should().Be("(3)");

        ic.Stop(hello);
        ic.Locked(m =>
        {
            m.LoadCanisterSnapshot(WasmReplica.Alice, hello, snapshot.Id);
            return 0;
        });
        ic.Start(hello);

        ic.Query(hello, "get").Should().Be("(2)");
        ic.Query(hello, "version").Should().Be("(\"1.0.0\")");
        ic.Text(hello, "increment").Should().Be("(3)");
    }

    [Fact]
    public void A_module_above_two_mebibytes_installs_from_the_chunk_store()
    {
        var big = SampleCanisters.Big;
        big.Length.Should().BeGreaterThan(2 * 1024 * 1024);
        var canister = ic.Create();
        var hashes = big.Chunk(ChunkStore.MaxChunkSize)
            .Select(chunk => ic.Locked(m => m.UploadChunk(WasmReplica.Alice, canister, chunk)))
            .ToList();

        ic.Locked(m =>
        {
            m.InstallChunkedCode(WasmReplica.Alice, InstallMode.Install, null, canister, null, hashes, SHA256.HashData(big), CandidEncoder.Encode([]));
            return 0;
        });

        ic.Query(canister, "size").Should().Be("(2_359_296)");
    }

    [Fact]
    public void A_canister_calls_another_canister_and_the_management_canister()
    {
        var hello = ic.Deploy(SampleCanisters.Hello);
        var caller = ic.Deploy(SampleCanisters.Caller);

        ic.Text(caller, "incrementOn", $"(principal \"{hello}\")").Should().Be("(1)");
        ic.Text(caller, "incrementOn", $"(principal \"{hello}\")").Should().Be("(2)");
        ic.Query(hello, "get").Should().Be("(2)");
        ic.Query(caller, "callCount").Should().Be("(2)");

        var cycles = ic.Text(caller, "ownCycles");
        System.Numerics.BigInteger.Parse(cycles.Trim('(', ')').Replace("_", string.Empty, StringComparison.Ordinal)).Should().BeGreaterThan(0);
    }

    [Fact]
    public void A_call_to_a_stopped_canister_reaches_the_caller_as_a_reject()
    {
        var hello = ic.Deploy(SampleCanisters.Hello);
        var caller = ic.Deploy(SampleCanisters.Caller);
        ic.Stop(hello);

        var answer = ic.Text(caller, "tryIncrementOn", $"(principal \"{hello}\")");

        answer.Should().StartWith("(\"rejected #canister_error").And.Contain("is stopped");
    }
}
