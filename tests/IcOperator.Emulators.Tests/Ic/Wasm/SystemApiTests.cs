using System.Buffers.Binary;
using System.Text;
using IcOperator.Candid;
using IcOperator.Emulators.Ic.Execution;
using IcOperator.Emulators.Ic.Management;
using IcOperator.Emulators.Ic.Rejects;

namespace IcOperator.Emulators.Tests.Ic.Wasm;

/// <summary>The ic0 functions and lifecycle rules, one behaviour per test, on modules written in WAT.</summary>
public sealed class SystemApiTests(WasmReplica ic) : IClassFixture<WasmReplica>
{
    [Fact]
    public void Argument_and_reply_bytes_round_trip()
    {
        var probe = ic.Deploy(WatModules.Probe);

        Reply(probe, "echo", "hello ic"u8.ToArray()).Should().Equal("hello ic"u8.ToArray());
    }

    [Fact]
    public void A_module_with_64_bit_memory_uses_64_bit_addresses()
    {
        var echo = ic.Deploy(WatModules.Echo64);

        Reply(echo, "echo", [1, 2, 3]).Should().Equal([1, 2, 3]);
    }

    [Fact]
    public void Caller_and_canister_self_are_the_principals_of_the_message()
    {
        var probe = ic.Deploy(WatModules.Probe);

        Reply(probe, "caller", [], CallKind.Query).Should().Equal(WasmReplica.Alice.Bytes.ToArray());
        Reply(probe, "self", [], CallKind.Query).Should().Equal(probe.Bytes.ToArray());
    }

    [Fact]
    public void Time_is_the_replica_clock_in_nanoseconds()
    {
        var probe = ic.Deploy(WatModules.Probe);

        var nanos = Int64(Reply(probe, "time", [], CallKind.Query));

        nanos.Should().Be((ic.Clock.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks * 100);
    }

    [Fact]
    public void Cycle_balance_version_status_and_controllers_are_the_canisters()
    {
        var probe = ic.Deploy(WatModules.Probe);
        var view = ic.View(probe);

        var balance = new System.Numerics.BigInteger(Reply(probe, "balance", [], CallKind.Query), isUnsigned: true);
        balance.Should().Be(view.Cycles);
        Int64(Reply(probe, "version", [], CallKind.Query)).Should().Be((long)view.Version);
        Int64(Reply(probe, "status", [], CallKind.Query)).Should().Be(1, "1 is running");
        Int64(Reply(probe, "controller", WasmReplica.Alice.Bytes.ToArray(), CallKind.Query)).Should().Be(1);
        Int64(Reply(probe, "controller", probe.Bytes.ToArray(), CallKind.Query)).Should().Be(0);
    }

    [Fact]
    public void An_update_keeps_its_changes_and_a_query_drops_them()
    {
        var probe = ic.Deploy(WatModules.Probe);

        Int64(Reply(probe, "inc", [])).Should().Be(1);
        Int64(Reply(probe, "inc_query", [], CallKind.Query)).Should().Be(2);
        Int64(Reply(probe, "inc_query", [])).Should().Be(2, "a query method called as an update still drops its changes");

        Reply(probe, "read", [], CallKind.Query).Should().Equal(Counter(global: 1, memory: 1));
    }

    [Fact]
    public void A_trap_rolls_back_memory_globals_and_stable_memory_and_rejects_with_IC0503()
    {
        var probe = ic.Deploy(WatModules.Probe);
        Reply(probe, "inc", []);

        var outcome = ic.Call(probe, "inc_then_trap", []);

        outcome.RejectCode.Should().Be(IcRejectCode.CanisterError);
        outcome.ErrorCode.Should().Be(IcErrorCode.CanisterCalledTrap);
        outcome.RejectMessage.Should().Be($"Error from Canister {probe}: Canister called `ic0.trap` with message: 'boom'.");
        Reply(probe, "read", [], CallKind.Query).Should().Equal(Counter(global: 1, memory: 1));
        ic.View(probe).MemoryMetrics.StableMemorySize.Should().Be(0);
    }

    [Fact]
    public void After_the_memory_grows_a_trap_and_a_query_still_roll_back_the_whole_memory()
    {
        var probe = ic.Deploy(WatModules.Probe);
        Reply(probe, "inc", []);
        var before = ic.View(probe).MemoryMetrics.WasmMemorySize;

        Reply(probe, "grow", BitConverter.GetBytes(3));
        Reply(probe, "inc", []);
        ic.Call(probe, "inc_then_trap", []).ErrorCode.Should().Be(IcErrorCode.CanisterCalledTrap);
        Int64(Reply(probe, "inc_query", [], CallKind.Query)).Should().Be(3);

        Reply(probe, "read", [], CallKind.Query).Should().Equal(Counter(global: 2, memory: 2));
        ic.View(probe).MemoryMetrics.WasmMemorySize.Should().Be(before + (3 * 65536), "a rollback keeps the memory the last committed message grew");
    }

    [Fact]
    public void A_Wasm_trap_rejects_with_IC0502()
    {
        var probe = ic.Deploy(WatModules.Probe);

        var outcome = ic.Call(probe, "unreachable", []);

        outcome.ErrorCode.Should().Be(IcErrorCode.CanisterTrapped);
        outcome.RejectMessage.Should().Be($"Error from Canister {probe}: Canister trapped: unreachable.");
    }

    [Fact]
    public void Reject_no_reply_and_double_reply_answer_as_the_IC_does()
    {
        var probe = ic.Deploy(WatModules.Probe);

        var rejected = ic.Call(probe, "reject", []);
        rejected.RejectCode.Should().Be(IcRejectCode.CanisterReject);
        rejected.ErrorCode.Should().Be(IcErrorCode.CanisterRejectedMessage);
        rejected.RejectMessage.Should().Be("no thanks");

        var silent = ic.Call(probe, "silent", []);
        silent.ErrorCode.Should().Be(IcErrorCode.CanisterDidNotReply);

        var twice = ic.Call(probe, "reply_twice", []);
        twice.ErrorCode.Should().Be(IcErrorCode.CanisterContractViolation);
    }

    [Fact]
    public void Stable_memory_reads_what_was_written_and_traps_out_of_bounds()
    {
        var probe = ic.Deploy(WatModules.Probe);

        Int64(Reply(probe, "stable_put", "12345"u8.ToArray())).Should().Be(1);
        Reply(probe, "stable_get", [], CallKind.Query).Should().Equal("12345"u8.ToArray());
        var stable32 = Reply(probe, "stable32", []);
        stable32.AsSpan(0, 4).ToArray().Should().Equal("boom"u8.ToArray());
        BinaryPrimitives.ReadInt64LittleEndian(stable32.AsSpan(8)).Should().Be(3, "1 page from stable_put and 2 grown by stable32");

        var outside = ic.Call(probe, "stable_out_of_bounds", []);
        outside.ErrorCode.Should().Be(IcErrorCode.CanisterTrapped);
        outside.RejectMessage.Should().Contain("stable memory out of bounds");
    }

    [Fact]
    public void Upgrade_replaces_main_memory_and_keeps_stable_memory_and_reinstall_clears_both()
    {
        var probe = ic.Deploy(WatModules.Probe);
        Reply(probe, "inc", []);
        Reply(probe, "inc", []);

        ic.Install(probe, WatModules.Probe, mode: InstallMode.Upgrade);

        // pre_upgrade saved the counter (2) in stable memory; post_upgrade put it in fresh main memory; the global restarted at 0.
        Reply(probe, "read", [], CallKind.Query).Should().Equal(Counter(global: 0, memory: 2));
        ic.View(probe).MemoryMetrics.StableMemorySize.Should().Be(65536);

        ic.Install(probe, WatModules.Probe, mode: InstallMode.Reinstall);

        Reply(probe, "read", [], CallKind.Query).Should().Equal(Counter(global: 0, memory: 0));
        ic.View(probe).MemoryMetrics.StableMemorySize.Should().Be(0);
    }

    [Fact]
    public void Upgrade_with_skip_pre_upgrade_does_not_run_it_and_a_failed_upgrade_changes_nothing()
    {
        var probe = ic.Deploy(WatModules.Probe);
        Reply(probe, "inc", []);

        var upgrade = ic.Installing(probe, WatModules.Probe, mode: InstallMode.Upgrade, upgrade: new UpgradeOptions(SkipPreUpgrade: true));

        // Without pre_upgrade nothing was saved, so post_upgrade reads past the end of stable memory and traps.
        upgrade.Should().Throw<IcRejectException>().Where(e => e.ErrorCode == IcErrorCode.CanisterTrapped
            && e.Message.Contains("stable memory out of bounds", StringComparison.Ordinal));
        ic.View(probe).MemoryMetrics.StableMemorySize.Should().Be(0);
        Reply(probe, "read", [], CallKind.Query).Should().Equal(Counter(global: 1, memory: 1));
    }

    [Fact]
    public void Certified_data_is_set_by_updates_and_refused_in_queries()
    {
        var probe = ic.Deploy(WatModules.Probe);

        Reply(probe, "certify", [0xab, 0xcd]);
        ic.Replica.State.Get(probe).CertifiedData.Should().Equal([0xab, 0xcd]);
        ic.Call(probe, "certify", new byte[33]).ErrorCode.Should().Be(IcErrorCode.CanisterContractViolation);
        ic.Call(probe, "certified_in_query", [], CallKind.Query).ErrorCode.Should().Be(IcErrorCode.CanisterContractViolation);
        Int64(Reply(probe, "certificate_present", [], CallKind.Query)).Should().Be(0, "a query run without a data certificate (as one called by an update) reads none");
    }

    [Fact]
    public void The_global_timer_runs_once_when_due()
    {
        var probe = ic.Deploy(WatModules.Probe);
        var due = (ic.Clock.GetUtcNow().AddSeconds(10) - DateTimeOffset.UnixEpoch).Ticks * 100;

        Int64(Reply(probe, "set_timer", BitConverter.GetBytes(due))).Should().Be(0, "no timer was set before");
        Int64(Reply(probe, "read", [], CallKind.Query)).Should().Be(0);
        ic.Clock.Advance(TimeSpan.FromSeconds(11));
        Reply(probe, "echo", []);
        Reply(probe, "echo", []);

        Reply(probe, "read", [], CallKind.Query).Should().Equal(Counter(global: 1000, memory: 0));
        ic.View(probe).Logs.Select(l => Encoding.UTF8.GetString(l.Content)).Should().ContainSingle(l => l == "timer fired");
    }

    [Fact]
    public void Debug_print_goes_to_the_canister_log()
    {
        var probe = ic.Deploy(WatModules.Probe);

        Reply(probe, "print", "a line for fetch_canister_logs"u8.ToArray());

        ic.Locked(m => m.FetchCanisterLogs(WasmReplica.Alice, probe)).Select(l => Encoding.UTF8.GetString(l.Content))
            .Should().Contain("a line for fetch_canister_logs");
    }

    [Fact]
    public void Performance_counter_counts_the_instructions_run()
    {
        var probe = ic.Deploy(WatModules.Probe);

        Int64(Reply(probe, "perf", [])).Should().BeGreaterThan(10_000);
    }

    [Fact]
    public void Inspect_message_refuses_ingress_it_does_not_accept()
    {
        var probe = ic.Deploy(WatModules.Probe);

        var refused = ic.Call(probe, "refused", []);

        refused.ErrorCode.Should().Be(IcErrorCode.CanisterRejected);
        ic.Call(probe, "echo", []).IsReply.Should().BeTrue();
    }

    [Fact]
    public void An_import_the_emulator_does_not_provide_is_refused_at_install()
    {
        foreach (var (module, what) in new[]
        {
            (WatModules.UnknownImport, "Module imports function 'launch_rockets' from 'ic0' that is not exported by the runtime."),
            (WatModules.WasiImport, "Module imports function 'fd_write' from 'wasi_snapshot_preview1' that is not exported by the runtime."),
            (WatModules.WrongSignature, "Module imports function 'msg_reply_data_append' from 'ic0' with type (i32, i32) -> ()"),
        })
        {
            var canister = ic.Create();
            var install = ic.Installing(canister, module);

            install.Should().Throw<IcRejectException>().Where(e => e.ErrorCode == IcErrorCode.CanisterInvalidWasm
                && e.Message.Contains("Wasm module has an invalid import section. " + what, StringComparison.Ordinal));
            ic.View(canister).ModuleHash.Should().BeNull();
        }
    }

    [Fact]
    public void A_trap_in_init_installs_nothing()
    {
        var canister = ic.Create();

        var install = () => ic.Locked(m =>
        {
            m.InstallCode(WasmReplica.Alice, new InstallCodeRequest(canister, InstallMode.Install, null, WatModules.Probe, "T"u8.ToArray()));
            return 0;
        });

        install.Should().Throw<IcRejectException>().Where(e => e.ErrorCode == IcErrorCode.CanisterCalledTrap);
        ic.View(canister).ModuleHash.Should().BeNull();
    }

    private byte[] Reply(Principal canister, string method, byte[] arg, CallKind kind = CallKind.Update)
    {
        var outcome = ic.Call(canister, method, arg, kind);
        outcome.IsReply.Should().BeTrue(outcome.RejectMessage);
        return outcome.Reply!;
    }

    private static long Int64(byte[] bytes) => BinaryPrimitives.ReadInt64LittleEndian(bytes);

    // What the probe's read method answers: the counter global plus the copy in memory shifted left by 32 bits.
    private static byte[] Counter(long global, long memory) => BitConverter.GetBytes(global + (memory << 32));
}
