using System.Diagnostics;
using System.Net;
using System.Text;
using IcOperator.Agent.Cbor;
using IcOperator.Agent.Certificates;
using IcOperator.Agent.Identities;
using IcOperator.Agent.Requests;
using IcOperator.Candid;
using IcOperator.Emulators.Ic;
using IcOperator.Emulators.Ic.Certification;
using IcOperator.Emulators.Ic.Requests;

namespace IcOperator.Emulators.Tests.Ic;

/// <summary>The emulator certifies in rounds: concurrent responses share one signature over one root.</summary>
public sealed class CertificationRoundTests
{
    private static readonly byte[] Time = Encoding.UTF8.GetBytes("time");

    [Fact]
    public async Task Concurrent_read_states_share_one_round_and_each_verifies()
    {
        await using var ic = await IcEmulator.StartAsync(new IcEmulatorOptions { CertificationRound = TimeSpan.FromMilliseconds(500) });
        using var identity = Ed25519Identity.Generate();
        using var client = new WireClient(ic, identity);
        await client.ReadStateAsync(Principal.FromCanisterIndex(0), [Time]);
        var before = ic.CertificationRounds;

        var certificates = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.ReadStateAsync(Principal.FromCanisterIndex(0), [Time])));

        certificates.Select(c => Convert.ToHexString(c.Signature)).Distinct().Should().HaveCountLessThan(8, "responses waiting together share a round");
        (ic.CertificationRounds - before).Should().BeLessThan(8);
        certificates.Select(c => Convert.ToHexString(c.Tree.Digest)).Distinct().Count()
            .Should().Be(certificates.Select(c => Convert.ToHexString(c.Signature)).Distinct().Count(), "one signature per root hash");
    }

    [Fact]
    public async Task A_call_certificate_shows_its_own_outcome_even_when_a_round_was_under_way()
    {
        await using var ic = await IcEmulator.StartAsync(new IcEmulatorOptions { CertificationRound = TimeSpan.FromMilliseconds(200) });
        using var identity = Ed25519Identity.Generate();
        using var client = new WireClient(ic, identity);

        // Each call verifies its certificate and reads request_status/<id> from it (WireClient.UpdateAsync).
        var created = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            client.ManageAsync("provisional_create_canister_with_cycles", "(record { amount = null; settings = null })")));

        created.Select(c => c!["canister_id"].AsPrincipal()).Distinct().Should().HaveCount(6);
    }

    [Fact]
    public async Task With_the_latency_model_a_read_state_answers_at_once_from_the_last_round()
    {
        // A round of 30 s: a read that waited for a new round would take that long, and carry a new signature.
        await using var ic = await IcEmulator.StartAsync(new IcEmulatorOptions { UpdateLatency = TimeSpan.FromMilliseconds(1), CertificationRound = TimeSpan.FromSeconds(30) });
        using var identity = Ed25519Identity.Generate();
        using var client = new WireClient(ic, identity);
        var first = await client.ReadStateAsync(Principal.FromCanisterIndex(0), [Time]);
        var rounds = ic.CertificationRounds;

        var again = await client.ReadStateAsync(Principal.FromCanisterIndex(0), [Time]).WaitAsync(TimeSpan.FromSeconds(10));

        again.Signature.Should().Equal(first.Signature, "the last round is at most one round old, so it answers");
        ic.CertificationRounds.Should().Be(rounds);
    }

    [Fact]
    public async Task Without_the_latency_model_each_read_state_waits_for_a_round_begun_after_it_arrived()
    {
        await using var ic = await IcEmulator.StartAsync(new IcEmulatorOptions { CertificationRound = TimeSpan.FromMilliseconds(50) });
        using var identity = Ed25519Identity.Generate();
        using var client = new WireClient(ic, identity);
        var first = await client.ReadStateAsync(Principal.FromCanisterIndex(0), [Time]);
        var rounds = ic.CertificationRounds;

        var again = await client.ReadStateAsync(Principal.FromCanisterIndex(0), [Time]);

        again.Signature.Should().NotEqual(first.Signature);
        ic.CertificationRounds.Should().Be(rounds + 1);
    }

    [Fact]
    public async Task A_read_state_shows_every_change_made_before_it_arrived()
    {
        await using var ic = await IcEmulator.StartAsync(new IcEmulatorOptions { CertificationRound = TimeSpan.FromMilliseconds(300) });
        using var identity = Ed25519Identity.Generate();
        using var client = new WireClient(ic, identity);
        var id = (await client.ManageAsync("provisional_create_canister_with_cycles", "(record { amount = null; settings = null })"))!["canister_id"].AsPrincipal();
        var controllersPath = new[] { Encoding.UTF8.GetBytes("canister"), id.ToByteArray(), Encoding.UTF8.GetBytes("controllers") };
        await client.ReadStateAsync(id, controllersPath);

        await client.ManageAsync("update_settings", $"(record {{ canister_id = principal \"{id}\"; settings = record {{ controllers = opt vec {{ principal \"{client.Sender}\"; principal \"aaaaa-aa\" }} }} }})");
        var after = await client.ReadStateAsync(id, controllersPath);

        var controllers = CborEncoding.DecodeUntagged(after.Tree.LookupPath(controllersPath).Value).AsArray("controllers");
        controllers.Items.Should().HaveCount(2);
    }

    [Fact]
    public async Task A_round_whose_wait_ends_at_once_is_not_awaited_again_by_later_callers()
    {
        // Task.Delay ends at once for a wait under a millisecond; this delay does so for every wait, so each round after
        // the first is built without a real wait. A round built inside the caller's lock was once kept as the next round
        // for good, and the third caller looped on it.
        var replica = new ReplicaHarness();
        using var keys = new SubnetKeys(null);
        var tree = new StateTree(replica.State, new RequestStatusStore(replica.Clock, TimeSpan.FromMinutes(5)), keys);
        var rounds = new CertificationRounds(tree, keys, TimeSpan.FromSeconds(30), delay: _ => Task.CompletedTask);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        for (var i = 0; i < 4; i++)
        {
            var certificate = Certificate.Decode(await rounds.CertifyAsync([], Stopwatch.GetTimestamp(), deadline.Token));
            certificate.Tree.LookupPath([Time]).Value.Should().NotBeNull();
        }

        rounds.Rounds.Should().Be(4, "each caller asked for a round begun after it arrived");
    }
}
