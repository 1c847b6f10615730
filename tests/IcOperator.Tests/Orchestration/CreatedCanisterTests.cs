using IcOperator.Api.V1Alpha1;
using IcOperator.Orchestration;
using static IcOperator.Tests.Orchestration.Scenario;

namespace IcOperator.Tests.Orchestration;

public sealed class CreatedCanisterTests
{
    private const string Upgrader = "ryjl3-tyaaa-aaaaa-aaaba-cai";

    private static CanisterPlanInput JustCreated(CanisterSettingsSpec? settings = null) => new()
    {
        Spec = Spec() with { Settings = settings },
        Network = new NetworkObservation { Ready = true, OperatorPrincipal = Operator, Upgrader = Upgrader },
        Module = V2,
        Status = new CanisterDeploymentStatus { CanisterId = Canister },
        Canister = CreatedCanister.Implied(Canister, settings, [Operator, Upgrader], CyclesSource.Provisional),
    };

    private static CanisterSettingsSpec Setting(string field) => field switch
    {
        "computeAllocation" => new CanisterSettingsSpec { ComputeAllocation = 5 },
        "memoryAllocation" => new CanisterSettingsSpec { MemoryAllocation = "512Mi" },
        "freezingThreshold" => new CanisterSettingsSpec { FreezingThreshold = 0 },
        "reservedCyclesLimit" => new CanisterSettingsSpec { ReservedCyclesLimit = "1T" },
        "wasmMemoryLimit" => new CanisterSettingsSpec { WasmMemoryLimit = "1GiB" },
        _ => new CanisterSettingsSpec { LogVisibility = LogVisibility.Public },
    };

    [Fact]
    public void A_canister_just_created_is_empty_running_and_has_exactly_the_controllers_passed()
    {
        var created = CreatedCanister.Implied(Canister, new CanisterSettingsSpec { Controllers = ["aaaaa-aa"] }, ["aaaaa-aa", Operator, Upgrader], CyclesSource.Provisional);

        created.Should().NotBeNull();
        created!.ModuleHash.Should().BeNull();
        created.Status.Should().Be(CanisterRunStatus.Running);
        created.Snapshots.Should().BeEmpty();
        created.Settings.Controllers.Should().Equal("aaaaa-aa", Operator, Upgrader);
        created.ImpliedByCreate.Should().BeTrue();
    }

    [Theory]
    [InlineData("computeAllocation", CyclesSource.Provisional)]
    [InlineData("memoryAllocation", CyclesSource.Provisional)]
    [InlineData("freezingThreshold", CyclesSource.Provisional)]
    [InlineData("reservedCyclesLimit", CyclesSource.Provisional)]
    [InlineData("wasmMemoryLimit", CyclesSource.Provisional)]
    [InlineData("logVisibility", CyclesSource.Provisional)]
    [InlineData("computeAllocation", CyclesSource.CyclesLedger)]
    [InlineData("memoryAllocation", CyclesSource.CyclesLedger)]
    [InlineData("freezingThreshold", CyclesSource.CyclesLedger)]
    [InlineData("reservedCyclesLimit", CyclesSource.CyclesLedger)]
    public void A_setting_the_create_passes_is_implied_as_set_and_is_no_drift(string field, CyclesSource source)
    {
        var settings = Setting(field);
        var created = CreatedCanister.Implied(Canister, settings, [Operator], source);

        created.Should().NotBeNull("the create carries {0}", field);
        SettingsDrift.Find(settings, created!.Settings, Operator).Should().BeEmpty("the create set {0} to the spec's value", field);
        SettingsDrift.Find(settings with { FreezingThreshold = 1, ComputeAllocation = 1, MemoryAllocation = "1", ReservedCyclesLimit = "1", WasmMemoryLimit = "1", LogVisibility = LogVisibility.Controllers }, created.Settings, Operator)
            .Should().Contain(field, "the implied value is the one passed, not any value");
    }

    [Theory]
    [InlineData("wasmMemoryLimit")]
    [InlineData("logVisibility")]
    public void A_setting_the_cycles_ledger_create_does_not_carry_leaves_the_canister_to_be_read(string field)
    {
        CreatedCanister.NotCarried(Setting(field), CyclesSource.CyclesLedger).Should().Equal(field);
        CreatedCanister.Implied(Canister, Setting(field), [Operator], CyclesSource.CyclesLedger)
            .Should().BeNull("a drift check would compare {0} with a value nobody read; update_settings sets it after a read", field);
    }

    [Fact]
    public void A_spec_setting_every_field_is_implied_whole_when_the_management_canister_creates_it()
    {
        var settings = new CanisterSettingsSpec
        {
            Controllers = [],
            ComputeAllocation = 5,
            MemoryAllocation = "512Mi",
            FreezingThreshold = 86_400,
            ReservedCyclesLimit = "1T",
            WasmMemoryLimit = "1GiB",
            LogVisibility = LogVisibility.Public,
        };

        CreatedCanister.NotCarried(settings, CyclesSource.Provisional).Should().BeEmpty();
        var created = CreatedCanister.Implied(Canister, settings, [Operator, Upgrader], CyclesSource.Provisional)!.Settings;
        created.Should().BeEquivalentTo(new ObservedSettings
        {
            Controllers = [Operator, Upgrader],
            ComputeAllocation = 5,
            MemoryAllocation = 512UL << 20,
            FreezingThreshold = 86_400,
            ReservedCyclesLimit = 1_000_000_000_000,
            WasmMemoryLimit = 1UL << 30,
            LogVisibility = "public",
        });
    }

    [Fact]
    public void A_deploy_whose_spec_sets_a_freezing_threshold_plans_no_settings_update_on_the_canister_just_created()
    {
        var input = JustCreated(new CanisterSettingsSpec { FreezingThreshold = 0, LogVisibility = LogVisibility.Public });
        var installed = input with
        {
            Status = input.Status with { Version = "2.0.0", ModuleHash = HashV2 },
            Canister = input.Canister! with { ModuleHash = HashV2 },
        };

        CanisterPlanner.Plan(input).Step.Kind.Should().Be(CanisterStepKind.BeginOperation);
        var done = CanisterPlanner.Plan(installed);
        done.Step.Kind.Should().Be(CanisterStepKind.None, "the create set the freezing threshold and log visibility the spec asks for");
        done.Ready.Should().BeTrue();
    }

    [Fact]
    public void The_install_is_planned_on_the_canister_just_created_and_the_deploy_ends_in_sync_without_a_drift_step()
    {
        var input = JustCreated(new CanisterSettingsSpec { Controllers = [] });

        var begin = CanisterPlanner.Plan(input);
        begin.Step.Kind.Should().Be(CanisterStepKind.BeginOperation);
        begin.Step.Operation.Should().Be(OperationType.Install);
        CreatedCanister.MayPlan(begin.Step.Kind).Should().BeTrue();

        var operation = new OperationRecord { Type = OperationType.Install, To = "2.0.0", ToModuleHash = HashV2, StartedAt = T0, Step = OperationStep.Started };
        var install = CanisterPlanner.Plan(input with { Status = input.Status with { LastOperation = operation } });
        install.Step.Kind.Should().Be(CanisterStepKind.Install);
        CreatedCanister.MayPlan(install.Step.Kind).Should().BeTrue();

        var installed = input with
        {
            Status = input.Status with { Version = "2.0.0", ModuleHash = HashV2, LastOperation = operation with { Result = OperationResult.Succeeded } },
            Canister = input.Canister! with { ModuleHash = HashV2 },
        };
        var done = CanisterPlanner.Plan(installed);
        done.Ready.Should().BeTrue("the controllers the create passed are the ones the spec asks for, the upgrader kept");
        done.Step.Kind.Should().Be(CanisterStepKind.None);
    }

    [Theory]
    [InlineData(CanisterStepKind.UpdateSettings)]
    [InlineData(CanisterStepKind.Start)]
    [InlineData(CanisterStepKind.Stop)]
    [InlineData(CanisterStepKind.Upgrade)]
    [InlineData(CanisterStepKind.UpgradeThroughUpgrader)]
    [InlineData(CanisterStepKind.TakeSnapshot)]
    [InlineData(CanisterStepKind.DeleteSnapshot)]
    [InlineData(CanisterStepKind.DeleteCanister)]
    public void Steps_other_than_the_deploy_are_planned_on_what_the_ic_reports(CanisterStepKind step) =>
        CreatedCanister.MayPlan(step).Should().BeFalse();

    [Fact]
    public void A_controller_the_create_did_not_pass_is_real_drift_and_is_not_planned_on_the_implied_canister()
    {
        // The upgrader became known after the create (the canister's subnet was read): the create did not list it.
        var input = JustCreated() with { Canister = CreatedCanister.Implied(Canister, null, [Operator], CyclesSource.Provisional) };
        var installed = input with
        {
            Spec = input.Spec with { Settings = new CanisterSettingsSpec { Controllers = [] } },
            Status = input.Status with { Version = "2.0.0", ModuleHash = HashV2 },
            Canister = input.Canister! with { ModuleHash = HashV2 },
        };

        var plan = CanisterPlanner.Plan(installed);
        plan.Step.Kind.Should().Be(CanisterStepKind.UpdateSettings);
        CreatedCanister.MayPlan(plan.Step.Kind).Should().BeFalse("the controller reads canister_status before it updates settings");
    }
}
