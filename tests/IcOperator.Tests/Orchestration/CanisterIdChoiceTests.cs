using IcOperator.Agent.Certificates;
using IcOperator.Candid;
using IcOperator.Orchestration;

namespace IcOperator.Tests.Orchestration;

public sealed class CanisterIdChoiceTests
{
    // A PocketIC-like application subnet range of 2^20 ids, and a second range elsewhere.
    private static readonly CanisterRanges Ranges = new([
        (Principal.FromCanisterIndex(0x0210_0000), Principal.FromCanisterIndex(0x021F_FFFF)),
        (Principal.FromCanisterIndex(0x0500_0000), Principal.FromCanisterIndex(0x0500_00FF)),
    ]);

    [Fact]
    public void The_id_lies_in_the_upper_half_of_the_range_that_routes_the_create()
    {
        var routing = Principal.FromCanisterIndex(0x0210_0000);
        for (var i = 0; i < 200; i++)
        {
            CanisterIdChoice.Choose(Ranges, routing, $"uid-{i}").TryGetCanisterIndex(out var index).Should().BeTrue();
            index.Should().BeInRange(0x0218_0000UL, 0x021F_FFFFUL);
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_id_and_different_seeds_spread()
    {
        var routing = Principal.FromCanisterIndex(0x0500_0001);
        CanisterIdChoice.Choose(Ranges, routing, "a").Should().Be(CanisterIdChoice.Choose(Ranges, routing, "a"));
        Enumerable.Range(0, 50).Select(i => CanisterIdChoice.Choose(Ranges, routing, $"s{i}")).Distinct().Count().Should().BeGreaterThan(30);
    }

    [Fact]
    public void A_routing_id_outside_every_range_is_refused_with_the_ranges_named()
    {
        var choose = () => CanisterIdChoice.Choose(Ranges, Principal.FromCanisterIndex(7), "x");
        choose.Should().Throw<InvalidOperationException>().WithMessage("*none holds*");
    }

    [Fact]
    public void The_whole_canister_id_space_is_a_range_too()
    {
        var all = new CanisterRanges([(Principal.FromCanisterIndex(0), Principal.FromCanisterIndex(ulong.MaxValue))]);
        CanisterIdChoice.Choose(all, Principal.FromCanisterIndex(0), "x").TryGetCanisterIndex(out var index).Should().BeTrue();
        index.Should().BeGreaterThanOrEqualTo(ulong.MaxValue / 2);
    }
}
