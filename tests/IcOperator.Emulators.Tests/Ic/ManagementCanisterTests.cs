using System.Numerics;
using IcOperator.Candid;
using IcOperator.Emulators.Ic.Canisters;
using IcOperator.Emulators.Ic.Management;
using IcOperator.Emulators.Ic.Rejects;

namespace IcOperator.Emulators.Tests.Ic;

public sealed class ManagementCanisterTests
{
    private readonly ReplicaHarness ic = new();

    [Fact]
    public void Canister_ids_are_allocated_in_order_from_the_subnet_range()
    {
        var first = ic.Create();
        var second = ic.Create();

        first.ToString().Should().Be("bkyz2-fmaaa-aaaaa-qaaaq-cai");
        second.TryGetCanisterIndex(out var index).Should().BeTrue();
        index.Should().Be(0x8000000000100002);
        ic.Counters.CanistersCreated.Should().Be(2);
        ic.View(first).Settings.Controllers.Should().Equal(ReplicaHarness.Alice);
        ic.View(first).Cycles.Should().Be(BigInteger.Parse("100000000000000"));
    }

    [Fact]
    public void A_specified_id_is_used_once()
    {
        var wanted = Principal.FromCanisterIndex(42);

        ic.Management.ProvisionalCreateCanisterWithCycles(ReplicaHarness.Alice, 1_000, null, wanted).Should().Be(wanted);
        var again = () => ic.Management.ProvisionalCreateCanisterWithCycles(ReplicaHarness.Alice, 1_000, null, wanted);

        again.Should().Throw<IcRejectException>().Where(e => e.ErrorCode == IcErrorCode.CanisterIdAlreadyExists);
    }

    [Fact]
    public void Only_controllers_control_a_canister()
    {
        var canister = ic.Create();

        var status = () => ic.Management.CanisterStatus(ReplicaHarness.Bob, canister);

        var reject = status.Should().Throw<IcRejectException>().Which;
        reject.ErrorCode.Should().Be(IcErrorCode.CanisterInvalidController);
        reject.ErrorCode.ToWire().Should().Be("IC0512");
        reject.RejectCode.Should().Be(IcRejectCode.CanisterError);
        reject.Message.Should().Contain(canister.ToString()).And.Contain(ReplicaHarness.Bob.ToString());
    }

    [Fact]
    public void Unknown_canisters_are_rejected_with_IC0301()
    {
        var missing = Principal.FromCanisterIndex(7);

        var stop = () => ic.Management.StopCanister(ReplicaHarness.Alice, missing);

        stop.Should().Throw<IcRejectException>().Where(e => e.ErrorCode == IcErrorCode.CanisterNotFound && e.RejectCode == IcRejectCode.DestinationInvalid);
    }

    [Fact]
    public void Update_settings_changes_only_the_given_fields_and_records_controller_changes()
    {
        var canister = ic.Create();

        ic.Management.UpdateSettings(ReplicaHarness.Alice, canister, new CanisterSettingsUpdate
        {
            Controllers = [ReplicaHarness.Alice, ReplicaHarness.Bob],
            FreezingThreshold = 86_400,
            LogVisibility = LogVisibility.Public,
        });

        var view = ic.View(canister);
        view.Settings.Controllers.Should().Equal(ReplicaHarness.Alice, ReplicaHarness.Bob);
        view.Settings.FreezingThreshold.Should().Be(86_400);
        view.Settings.LogVisibility.Should().Be(LogVisibility.Public);
        view.Settings.ComputeAllocation.Should().Be(0);
        view.Settings.WasmMemoryLimit.Should().Be(3L * 1024 * 1024 * 1024);
        view.History.Select(h => h.Kind).Should().Equal("creation", "controllers_change");
        view.Version.Should().Be(1);
    }

    [Theory]
    [InlineData("compute", 101)]
    [InlineData("compute", -1)]
    [InlineData("memory", 281_474_976_710_657)]
    [InlineData("wasm", 281_474_976_710_657)]
    public void Settings_out_of_range_are_refused(string field, long value)
    {
        var canister = ic.Create();
        var update = field switch
        {
            "compute" => new CanisterSettingsUpdate { ComputeAllocation = value },
            "memory" => new CanisterSettingsUpdate { MemoryAllocation = value },
            _ => new CanisterSettingsUpdate { WasmMemoryLimit = value },
        };

        var act = () => ic.Management.UpdateSettings(ReplicaHarness.Alice, canister, update);

        act.Should().Throw<IcRejectException>().Where(e => e.ErrorCode == IcErrorCode.CanisterContractViolation && e.Message.StartsWith("Invalid settings"));
        ic.View(canister).Settings.Should().Be(SettingsValidation.Defaults(ReplicaHarness.Alice));
    }

    [Fact]
    public void More_than_ten_controllers_are_refused()
    {
        var canister = ic.Create();
        var eleven = Enumerable.Range(0, 11).Select(i => Principal.FromCanisterIndex((ulong)i)).ToArray();

        var act = () => ic.Management.UpdateSettings(ReplicaHarness.Alice, canister, new CanisterSettingsUpdate { Controllers = eleven });

        act.Should().Throw<IcRejectException>().WithMessage("*at most 10*got 11*");
    }

    [Fact]
    public void Stop_start_and_delete_follow_the_status_rules()
    {
        var canister = ic.Create();

        var deleteRunning = () => ic.Management.DeleteCanister(ReplicaHarness.Alice, canister);
        deleteRunning.Should().Throw<IcRejectException>().Where(e => e.ErrorCode == IcErrorCode.CanisterNotStopped);

        ic.Management.StopCanister(ReplicaHarness.Alice, canister);
        ic.View(canister).Status.Should().Be(CanisterStatus.Stopped);
        ic.Management.StartCanister(ReplicaHarness.Alice, canister);
        ic.View(canister).Status.Should().Be(CanisterStatus.Running);
        ic.Management.StopCanister(ReplicaHarness.Alice, canister);
        ic.Management.DeleteCanister(ReplicaHarness.Alice, canister);

        var statusAfter = () => ic.Management.CanisterStatus(ReplicaHarness.Alice, canister);
        statusAfter.Should().Throw<IcRejectException>().Where(e => e.ErrorCode == IcErrorCode.CanisterNotFound);
        ic.Create().Should().NotBe(canister, "deleted ids are never handed out again");
    }

    [Fact]
    public void A_canister_stuck_in_stopping_times_out_and_can_be_started_again()
    {
        var canister = ic.Create();
        ic.Faults.StickInStopping(canister);

        var stop = () => ic.Management.StopCanister(ReplicaHarness.Alice, canister);

        stop.Should().Throw<IcRejectException>().Where(e => e.ErrorCode == IcErrorCode.StopCanisterRequestTimeout);
        ic.View(canister).Status.Should().Be(CanisterStatus.Stopping);
        ic.Management.StartCanister(ReplicaHarness.Alice, canister);
        ic.View(canister).Status.Should().Be(CanisterStatus.Running);
        ic.Faults.StickInStopping(canister, stuck: false);
        ic.Management.StopCanister(ReplicaHarness.Alice, canister);
        ic.View(canister).Status.Should().Be(CanisterStatus.Stopped);
    }

    [Fact]
    public void Uninstall_removes_module_and_state()
    {
        var canister = ic.Create();
        ic.Install(canister, TestModules.Counter(), "(\"seed\")");
        ic.View(canister).State.Should().NotBeEmpty();

        ic.Management.UninstallCode(ReplicaHarness.Alice, canister);

        var view = ic.View(canister);
        view.ModuleHash.Should().BeNull();
        view.State.Should().BeEmpty();
        view.History.Select(h => h.Kind).Should().Equal("creation", "code_deployment", "code_uninstall");
    }

    [Fact]
    public void Logs_are_visible_as_the_settings_say()
    {
        var canister = ic.Create();
        ic.Install(canister, TestModules.Counter(), "(\"seed\")");
        ic.Runtime.Call(canister, "set", TextCandidCodec.Bytes("(\"x\")"), Emulators.Ic.Execution.CallKind.Update);

        ic.Management.FetchCanisterLogs(ReplicaHarness.Alice, canister).Select(l => System.Text.Encoding.UTF8.GetString(l.Content))
            .Should().Equal("initialised", "set called");
        var bob = () => ic.Management.FetchCanisterLogs(ReplicaHarness.Bob, canister);
        bob.Should().Throw<IcRejectException>().Where(e => e.ErrorCode == IcErrorCode.CanisterRejectedMessage);

        ic.Management.UpdateSettings(ReplicaHarness.Alice, canister, new CanisterSettingsUpdate { LogVisibility = LogVisibility.Viewers([ReplicaHarness.Bob]) });
        ic.Management.FetchCanisterLogs(ReplicaHarness.Bob, canister).Should().HaveCount(2);
    }
}
