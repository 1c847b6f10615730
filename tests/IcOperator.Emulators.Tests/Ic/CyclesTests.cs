using System.Numerics;
using System.Text;
using IcOperator.Emulators.Ic.Canisters;
using IcOperator.Emulators.Ic.Cycles;
using IcOperator.Emulators.Ic.Execution;
using IcOperator.Emulators.Ic.Rejects;

namespace IcOperator.Emulators.Tests.Ic;

public sealed class CyclesTests
{
    private readonly ReplicaHarness ic = new();

    [Fact]
    public void Calls_are_charged_and_a_canister_below_its_freezing_limit_is_refused()
    {
        var canister = ic.Create(cycles: BigInteger.Parse("2000000000000"));
        ic.Install(canister, TestModules.Counter(), "(\"v\")");
        var before = ic.View(canister).Cycles;
        ic.Runtime.Call(canister, "set", TextCandidCodec.Bytes("(\"abc\")"), CallKind.Update);
        var charged = before - ic.View(canister).Cycles;
        charged.Should().Be(CyclesCosts.IngressCall(7));

        // A freezing threshold of thirty million years puts the limit far above the balance.
        ic.Management.UpdateSettings(ReplicaHarness.Alice, canister, new CanisterSettingsUpdate { FreezingThreshold = 1_000_000_000_000_000 });
        var frozen = () => ic.Runtime.Call(canister, "set", TextCandidCodec.Bytes("(\"x\")"), CallKind.Update);

        var reject = frozen.Should().Throw<IcRejectException>().Which;
        reject.ErrorCode.ToWire().Should().Be("IC0207");
        reject.Message.Should().Contain("out of cycles").And.Contain(canister.ToString());
        Encoding.UTF8.GetString(ic.Runtime.Call(canister, "get", [], CallKind.Query)).Should().Be("(\"abc\")", "queries are free and the refused update changed nothing");
    }

    [Fact]
    public void Idle_canisters_burn_cycles_for_their_memory_as_time_passes()
    {
        var canister = ic.Create();
        ic.Install(canister, TestModules.Counter(), "(\"v\")");
        var view = ic.View(canister);
        view.IdleCyclesBurnedPerDay.Should().BeGreaterThan(BigInteger.Zero);

        ic.Clock.Advance(TimeSpan.FromDays(1));

        var after = ic.View(canister);
        var burned = view.Cycles - after.Cycles;
        burned.Should().BeInRange(view.IdleCyclesBurnedPerDay - 1, view.IdleCyclesBurnedPerDay + 1);
        after.FreezingLimit.Should().BeInRange(view.IdleCyclesBurnedPerDay * 30, (view.IdleCyclesBurnedPerDay + 1) * 30, "the default freezing threshold is 30 days");
    }

    [Fact]
    public void A_canister_that_runs_dry_loses_its_code()
    {
        var canister = ic.Create(cycles: 100_000_000);
        ic.Management.UpdateSettings(ReplicaHarness.Alice, canister, new CanisterSettingsUpdate { FreezingThreshold = 0 });
        ic.Install(canister, new Emulators.Ic.Modules.TestModuleBuilder().Build());

        ic.Clock.Advance(TimeSpan.FromDays(3650));

        var view = ic.View(canister);
        view.Cycles.Should().Be(0);
        view.ModuleHash.Should().BeNull();
    }

    [Fact]
    public void Raising_compute_allocation_without_cycles_to_sustain_it_is_refused()
    {
        var canister = ic.Create(cycles: 1_000_000_000);

        var raise = () => ic.Management.UpdateSettings(ReplicaHarness.Alice, canister, new CanisterSettingsUpdate { ComputeAllocation = 50 });

        raise.Should().Throw<IcRejectException>().Where(e => e.ErrorCode.ToWire() == "IC0530");
        ic.View(canister).Settings.ComputeAllocation.Should().Be(0);
    }

    [Fact]
    public void The_cycles_ledger_creates_canisters_once_per_created_at_time()
    {
        ic.Ledger.Mint(ReplicaHarness.Alice, null, BigInteger.Parse("3000000000000"));
        var at = (ulong)(ic.Clock.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks * 100;
        var amount = BigInteger.Parse("1000000000000");

        var first = ic.Ledger.CreateCanister(ReplicaHarness.Alice, null, at, amount, null);
        var repeat = ic.Ledger.CreateCanister(ReplicaHarness.Alice, null, at, amount, null);

        first.IsOk.Should().BeTrue();
        repeat.Error!.Variant.Should().Be("Duplicate");
        repeat.Error.DuplicateOf.Should().Be(first.BlockIndex);
        repeat.Error.CanisterId.Should().Be(first.CanisterId!);
        ic.Counters.CanistersCreated.Should().Be(1);
        ic.View(first.CanisterId!).Cycles.Should().Be(amount - CyclesCosts.CanisterCreationFee);
        ic.View(first.CanisterId!).Settings.Controllers.Should().Equal(ReplicaHarness.Alice);
        ic.Ledger.BalanceOf(ReplicaHarness.Alice, null).Should().Be(BigInteger.Parse("3000000000000") - amount - CyclesLedger.Fee);
    }

    [Fact]
    public void The_cycles_ledger_refuses_old_future_and_unfunded_transactions()
    {
        var now = (ulong)(ic.Clock.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks * 100;
        const ulong day = 86_400_000_000_000;

        ic.Ledger.CreateCanister(ReplicaHarness.Alice, null, now, 1, null).Error!.Variant.Should().Be("InsufficientFunds");
        ic.Ledger.Mint(ReplicaHarness.Alice, null, BigInteger.Parse("1000000000000"));
        ic.Ledger.CreateCanister(ReplicaHarness.Alice, null, now - (2 * day), 1, null).Error!.Variant.Should().Be("TooOld");
        ic.Ledger.CreateCanister(ReplicaHarness.Alice, null, now + day, 1, null).Error!.Variant.Should().Be("CreatedInFuture");
        var tooLittle = ic.Ledger.CreateCanister(ReplicaHarness.Alice, null, null, 1_000, null);
        tooLittle.Error!.Variant.Should().Be("FailedToCreate");
        tooLittle.Error.Message.Should().Contain("fee");
    }

    [Fact]
    public void Withdraw_tops_up_an_existing_canister()
    {
        var canister = ic.Create(cycles: 0);
        ic.Ledger.Mint(ReplicaHarness.Bob, null, 5_000_000_000);

        var ok = ic.Ledger.Withdraw(ReplicaHarness.Bob, null, canister, null, 1_000_000_000);
        var nowhere = ic.Ledger.Withdraw(ReplicaHarness.Bob, null, IcOperator.Candid.Principal.FromCanisterIndex(3), null, 1);

        ok.IsOk.Should().BeTrue();
        ic.View(canister).Cycles.Should().Be(1_000_000_000);
        ic.Ledger.BalanceOf(ReplicaHarness.Bob, null).Should().Be(5_000_000_000 - 1_000_000_000 - CyclesLedger.Fee);
        nowhere.Error!.Variant.Should().Be("InvalidReceiver");
    }

    [Fact]
    public void Canister_status_reports_plausible_memory()
    {
        var canister = ic.Create();
        var module = TestModules.Counter();
        ic.Install(canister, module, "(\"state\")");

        var status = ic.Management.CanisterStatus(ReplicaHarness.Alice, canister);

        status.MemoryMetrics.WasmBinarySize.Should().Be(module.Length);
        status.MemorySize.Should().BeGreaterThan(module.Length);
        status.MemoryMetrics.StableMemorySize.Should().Be("value".Length + "(\"state\")".Length);
        status.Status.Should().Be(CanisterStatus.Running);
    }

    [Fact]
    public void Frequent_reads_do_not_round_the_idle_burn_away()
    {
        var canister = ic.Create();
        ic.Install(canister, TestModules.Counter(), "(\"v\")");
        var start = ic.View(canister);

        for (var i = 0; i < 1000; i++)
        {
            ic.Clock.Advance(TimeSpan.FromMilliseconds(100));
            ic.View(canister);
        }

        // A hundred seconds of idle burn, about 8 cycles a second for this canister's memory.
        var expected = start.IdleCyclesBurnedPerDay * 100 / 86_400;
        var burned = start.Cycles - ic.View(canister).Cycles;
        expected.Should().BeGreaterThan(new BigInteger(100));
        burned.Should().BeInRange(expected - 2, expected + 2);
    }
}
