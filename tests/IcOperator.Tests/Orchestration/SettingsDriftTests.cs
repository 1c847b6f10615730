using IcOperator.Api.V1Alpha1;
using IcOperator.Orchestration;
using IcOperator.Orchestration.Quantities;

namespace IcOperator.Tests.Orchestration;

public sealed class SettingsDriftTests
{
    private static readonly ObservedSettings Observed = new()
    {
        Controllers = ["2vxsx-fae", "aaaaa-aa"],
        ComputeAllocation = 0,
        MemoryAllocation = 0,
        FreezingThreshold = 2_592_000,
        ReservedCyclesLimit = 5_000_000_000_000,
        WasmMemoryLimit = 3UL << 30,
        LogVisibility = "controllers",
    };

    [Fact]
    public void Unset_settings_are_left_alone()
    {
        SettingsDrift.Find(null, Observed, "2vxsx-fae").Should().BeEmpty();
        SettingsDrift.Find(new CanisterSettingsSpec(), Observed, "2vxsx-fae").Should().BeEmpty();
    }

    [Fact]
    public void Listed_controllers_keep_the_networks_upgrader_while_upgrades_go_through_it()
    {
        const string upgrader = "rrkah-fqaaa-aaaaa-aaaaq-cai";
        var wanted = new CanisterSettingsSpec { Controllers = ["aaaaa-aa"] };
        var withUpgrader = Observed with { Controllers = ["2vxsx-fae", "aaaaa-aa", upgrader] };

        SettingsDrift.Find(wanted, withUpgrader, "2vxsx-fae", upgrader).Should().BeEmpty("the upgrader is not removed while it is used");
        SettingsDrift.Find(wanted, Observed, "2vxsx-fae", upgrader).Should().Equal(["controllers"], "a canister without it gets it back");
        SettingsDrift.Find(wanted, withUpgrader, "2vxsx-fae").Should().Equal(["controllers"], "without an upgrader in use the spec's list is all there is");
    }

    [Fact]
    public void Matching_settings_in_any_notation_are_not_drift()
    {
        var wanted = new CanisterSettingsSpec
        {
            Controllers = ["aaaaa-aa"],
            ComputeAllocation = 0,
            MemoryAllocation = "0",
            FreezingThreshold = 2_592_000,
            ReservedCyclesLimit = "5T",
            WasmMemoryLimit = "3GiB",
            LogVisibility = LogVisibility.Controllers,
        };
        SettingsDrift.Find(wanted, Observed, "2vxsx-fae").Should().BeEmpty("the operator's own principal is always a controller");
    }

    [Fact]
    public void Every_differing_field_is_named()
    {
        var wanted = new CanisterSettingsSpec
        {
            Controllers = [],
            ComputeAllocation = 10,
            MemoryAllocation = "1Gi",
            FreezingThreshold = 1,
            ReservedCyclesLimit = "4T",
            WasmMemoryLimit = "2GiB",
            LogVisibility = LogVisibility.Public,
        };
        SettingsDrift.Find(wanted, Observed, "2vxsx-fae").Should().Equal(
            "controllers", "computeAllocation", "memoryAllocation", "freezingThreshold", "reservedCyclesLimit", "wasmMemoryLimit", "logVisibility");
    }

    [Fact]
    public void A_bad_quantity_names_its_field()
    {
        var act = () => SettingsDrift.Find(new CanisterSettingsSpec { WasmMemoryLimit = "lots" }, Observed, null);
        act.Should().Throw<QuantityFormatException>().WithMessage("spec.settings.wasmMemoryLimit*");
    }
}
