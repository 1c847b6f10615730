using System.Text;
using IcOperator.Agent.Identities;
using IcOperator.Candid;
using IcOperator.Emulators.Ic;

namespace IcOperator.Emulators.Tests.Ic;

public sealed class RequestRetentionTests : IAsyncLifetime
{
    private readonly ManualClock clock = new(DateTimeOffset.UtcNow);
    private readonly Ed25519Identity identity = Ed25519Identity.FromSeed(new byte[32]);
    private IcEmulator emulator = null!;

    public async Task InitializeAsync() =>
        emulator = await IcEmulator.StartAsync(new IcEmulatorOptions { Clock = clock, RequestStatusRetention = TimeSpan.FromMinutes(5) });

    public async Task DisposeAsync()
    {
        await emulator.DisposeAsync();
        identity.Dispose();
    }

    [Fact]
    public async Task A_reply_stays_readable_for_the_retention_then_reads_as_done_then_is_forgotten()
    {
        using var client = new WireClient(emulator, identity);
        var content = client.Call(Principal.ManagementCanister, "provisional_create_canister_with_cycles", CandidEncoder.Encode(CandidText.ParseArguments("(record { amount = null; settings = null })")));
        await client.PostAsync($"api/v2/canister/{Principal.FromCanisterIndex(1)}/call", client.Sign(content).Encode());
        var rid = content.RequestId.ToArray();
        var path = new[] { Encoding.UTF8.GetBytes("request_status"), rid };
        async Task<string?> StatusAsync()
        {
            var certificate = await client.ReadStateAsync(Principal.FromCanisterIndex(1), path);
            var status = certificate.Tree.LookupPath([.. path, Encoding.UTF8.GetBytes("status")]);
            return status.Value is null ? null : Encoding.UTF8.GetString(status.Value);
        }

        (await StatusAsync()).Should().Be("replied");
        clock.Advance(TimeSpan.FromMinutes(6));
        (await StatusAsync()).Should().Be("done");
        clock.Advance(TimeSpan.FromMinutes(6));
        (await StatusAsync()).Should().BeNull();
    }
}
