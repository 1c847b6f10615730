using IcOperator.Agent.Bls;
using IcOperator.Agent.Identities;
using IcOperator.Agent.Management;
using IcOperator.Agent.Transport;
using IcOperator.Emulators.Ic;
using IcOperator.Emulators.Ic.Counters;

namespace IcOperator.Emulators.Tests.Ic;

/// <summary>The emulator's logs of update calls and read_state requests keep the newest records only, and marks stay right.</summary>
public sealed class CallLogTests
{
    [Fact]
    public void Past_its_capacity_the_log_drops_the_oldest_and_a_mark_still_gives_the_records_added_since()
    {
        var log = new CallLog<int>(3);
        log.Add(1);
        log.Add(2);
        var mark = log.Logged;
        log.Add(3);
        log.Add(4);
        log.Add(5);

        log.Kept.Should().Equal(3, 4, 5);
        log.Logged.Should().Be(5, "dropped records are counted");
        log.Since(mark).Should().Equal([3, 4, 5], "the records added after the mark, none of them dropped");
        log.Since(3).Should().Equal(4, 5);
        log.Since(0).Should().Equal([3, 4, 5], "records dropped since the mark are gone");
        log.Since(log.Logged).Should().BeEmpty();
    }

    [Fact]
    public void A_capacity_below_one_is_refused_naming_the_option()
    {
        var act = () => new CallLog<int>(0);

        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be(nameof(IcEmulatorOptions.LogCapacity));
    }

    [Fact]
    public async Task The_emulator_keeps_its_log_capacity_of_update_calls_and_read_state_requests_and_every_count()
    {
        await using var ic = await IcEmulator.StartAsync(new IcEmulatorOptions { LogCapacity = 2 });
        using var identity = Ed25519Identity.FromSeed(Enumerable.Repeat((byte)9, 32).ToArray());
        using var agent = new HttpAgent(new HttpAgentOptions
        {
            Url = ic.Url,
            Identity = identity,
            RootKeySource = RootKeySource.Fetch,
            SignatureVerifier = Bls12381SignatureVerifier.Shared,
        });
        var management = new ManagementCanister(agent);

        var first = await management.ProvisionalCreateCanisterWithCyclesAsync(null, null);
        var updates = ic.Counters.UpdateCallsLogged;
        var reads = ic.Counters.ReadStatesLogged;
        await management.ProvisionalTopUpCanisterAsync(first, 1);
        await management.CanisterStatusAsync(first);
        await management.StopCanisterAsync(first);
        for (var i = 0; i < 3; i++)
        {
            await agent.ReadSubnetAsync(first);
        }

        ic.Counters.UpdateCalls.Select(c => c.Method).Should().Equal("canister_status", "stop_canister");
        ic.Counters.UpdateCallsLogged.Should().Be(updates + 3);
        ic.Counters.UpdateCallsSince(updates).Select(c => c.Method).Should().Equal(["canister_status", "stop_canister"], "the top-up was dropped, the newest two are kept");
        ic.Counters.Calls("provisional_create_canister_with_cycles").Should().Be(1, "counts per method are never dropped");
        ic.Counters.Calls("provisional_top_up_canister").Should().Be(1);
        var readsLogged = ic.Counters.ReadStatesLogged;
        readsLogged.Should().BeGreaterThanOrEqualTo(reads + 3, "the three subnet reads went through read_state");
        var kept = ic.Counters.ReadStates;
        kept.Should().HaveCount(2);
        ic.Counters.ReadStatesSince(readsLogged - 1).Should().Equal([kept[^1]], "the mark counts dropped requests too");
        ic.Counters.ReadStatesSince(reads).Should().Equal(kept, "of the requests since the mark, the newest two are kept");
    }
}
