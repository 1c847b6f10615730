using IcOperator.Agent.Identities;
using IcOperator.Candid;
using IcOperator.Emulators.Ic;

namespace IcOperator.Emulators.Tests.Ic;

/// <summary>The emulator adds up, per canister, the time it did not run (stopping or stopped), for benchmarks to compare.</summary>
public sealed class DowntimeTests
{
    [Fact]
    public async Task Downtime_adds_up_each_stop_until_the_next_start()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var ic = await IcEmulator.StartAsync(new IcEmulatorOptions { Clock = clock });
        using var identity = Ed25519Identity.Generate();
        using var client = new WireClient(ic, identity);
        var id = (await client.ManageAsync("provisional_create_canister_with_cycles", "(record { amount = null; settings = null })"))!["canister_id"].AsPrincipal();
        var canister = $"(record {{ canister_id = principal \"{id}\" }})";

        clock.Advance(TimeSpan.FromSeconds(30));
        var fresh = ic.CanisterDowntime(id);
        await client.ManageAsync("stop_canister", canister);
        clock.Advance(TimeSpan.FromSeconds(3));
        await client.ManageAsync("start_canister", canister);
        clock.Advance(TimeSpan.FromSeconds(60));
        await client.ManageAsync("stop_canister", canister);
        clock.Advance(TimeSpan.FromSeconds(2));
        var whileStopped = ic.CanisterDowntime(id);

        fresh.Should().Be(TimeSpan.Zero);
        whileStopped.Should().Be(TimeSpan.FromSeconds(5));
        ic.CanisterDowntime(Principal.FromCanisterIndex(12345)).Should().BeNull();
    }
}
