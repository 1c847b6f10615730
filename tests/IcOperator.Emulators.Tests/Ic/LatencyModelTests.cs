using System.Diagnostics;
using System.Text;
using IcOperator.Agent.Cbor;
using IcOperator.Agent.Certificates;
using IcOperator.Agent.Identities;
using IcOperator.Candid;
using IcOperator.Emulators.Ic;
using IcOperator.Emulators.Ic.Http;

namespace IcOperator.Emulators.Tests.Ic;

/// <summary>The latency model: updates wait for consensus and the subnet's ingress rate; queries and read_state do not.</summary>
public sealed class LatencyModelTests
{
    private static readonly long Second = Stopwatch.Frequency;

    [Fact]
    public void Without_a_rate_limit_every_update_waits_one_consensus_delay()
    {
        var schedule = new IngressSchedule(TimeSpan.FromSeconds(1), messagesPerSecond: null);

        var waits = Enumerable.Range(0, 5).Select(_ => schedule.Admit(1_000 * Second)).ToList();

        waits.Should().AllSatisfy(w => w.Should().BeCloseTo(TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(1)));
    }

    [Fact]
    public void Beyond_the_ingress_rate_updates_wait_their_turn_in_later_blocks()
    {
        var schedule = new IngressSchedule(TimeSpan.FromSeconds(1), messagesPerSecond: 4);
        var arrival = 1_000 * Second;

        var burst = Enumerable.Range(0, 6).Select(_ => schedule.Admit(arrival)).ToList();
        var afterTheQueueDrained = schedule.Admit(arrival + (10 * Second));

        burst.Select(w => Math.Round(w.TotalMilliseconds)).Should().Equal(1000, 1250, 1500, 1750, 2000, 2250);
        afterTheQueueDrained.Should().BeCloseTo(TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public void A_rate_below_one_message_per_second_is_refused()
    {
        var create = () => new IngressSchedule(TimeSpan.Zero, messagesPerSecond: 0);

        create.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*at least one message per second*");
    }

    [Fact]
    public async Task An_update_completes_after_the_consensus_delay_while_a_query_answers_before_it()
    {
        await using var ic = await IcEmulator.StartAsync(new IcEmulatorOptions { UpdateLatency = TimeSpan.FromSeconds(2) });
        using var identity = Ed25519Identity.Generate();
        using var client = new WireClient(ic, identity);
        var clock = Stopwatch.StartNew();

        var update = client.ManageAsync("provisional_create_canister_with_cycles", "(record { amount = null; settings = null })");
        var time = await client.ReadStateAsync(Principal.FromCanisterIndex(0), [Encoding.UTF8.GetBytes("time")]);
        var updatePendingAfterReadState = !update.IsCompleted;
        var created = await update;

        updatePendingAfterReadState.Should().BeTrue("read_state answers without waiting for consensus");
        time.Time.Should().BeGreaterThan(0);
        created!["canister_id"].AsPrincipal().Should().NotBeNull();
        clock.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(2), "the update waited one consensus delay");
    }
}
