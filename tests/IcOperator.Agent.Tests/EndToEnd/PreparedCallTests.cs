using IcOperator.Agent.Bls;
using IcOperator.Agent.Management;
using IcOperator.Agent.Responses;
using IcOperator.Agent.Tests.Support;
using IcOperator.Agent.Transport;
using IcOperator.Candid;
using IcOperator.Emulators.Ic;
using IcOperator.Emulators.Ic.Modules;

namespace IcOperator.Agent.Tests.EndToEnd;

/// <summary>
/// Update calls built and signed apart from sending them: the request id and ingress expiry are known before the
/// request leaves, and what became of it is read back from the IC by that id, never by sending it again.
/// </summary>
public sealed class PreparedCallTests(EmulatorNetwork network) : IClassFixture<EmulatorNetwork>
{
    private static readonly byte[] Empty = CandidEncoder.Encode([], []);

    private async Task<Principal> CounterCanisterAsync(HttpAgent agent)
    {
        var management = new ManagementCanister(agent);
        var id = await management.ProvisionalCreateCanisterWithCyclesAsync(10_000_000_000_000, null);
        await management.InstallCodeAsync(id, CanisterInstallMode.InstallMode, new TestModuleBuilder().WithMethod("bump", new MethodBehavior { Store = "n" }).Build(), Empty);
        return id;
    }

    [Fact]
    public async Task A_prepared_call_is_answered_by_its_request_id_after_it_ran()
    {
        using var agent = network.Agent();
        var canister = await CounterCanisterAsync(agent);
        var prepared = agent.PrepareCall(new CanisterCall(canister, "bump", CandidText.EncodeArguments("(\"a\")", [CandidType.Text])));
        var before = network.Emulator.Counters.Calls("bump");

        prepared.IngressExpiry.Should().BeAfter(network.Emulator.Clock.GetUtcNow());
        (await agent.ReadRequestStatusAsync(canister, prepared.RequestId)).Status.Status.Should().Be(RequestStatus.Unknown, "nothing was sent yet");
        network.Emulator.Counters.Calls("bump").Should().Be(before);

        var reply = await agent.SubmitAsync(prepared);
        var read = await agent.ReadRequestStatusAsync(canister, prepared.RequestId);
        read.Status.Status.Should().Be("replied");
        read.Status.Reply.Should().Equal(reply);
        read.ExpiredWithoutStatus(prepared.IngressExpiry).Should().BeFalse();
        network.Emulator.Counters.Calls("bump").Should().Be(before + 1);
    }

    [Fact]
    public async Task A_call_whose_every_response_is_lost_ran_once_and_its_reply_is_read_back()
    {
        using var agent = network.Agent();
        var management = new ManagementCanister(agent);
        var prepared = agent.PrepareCall(ManagementCalls.ProvisionalCreateCanisterWithCycles(1_000_000_000_000, null, null, management.ProvisionalEffectiveCanisterId));
        var created = network.Emulator.Counters.CanistersCreated;
        network.Emulator.Faults.DropResponses("provisional_create_canister_with_cycles", agent.Options.MaxAttempts);
        try
        {
            var submit = () => agent.SubmitAsync(prepared);
            (await submit.Should().ThrowAsync<IcCallOutcomeUnknownException>()).Which.RequestId.Should().Be(prepared.RequestId);
        }
        finally
        {
            network.Emulator.Faults.Reset();
        }

        var read = await agent.ReadRequestStatusAsync(prepared.Call.EffectiveCanisterId, prepared.RequestId);
        read.Status.Status.Should().Be("replied");
        var canister = ManagementCalls.CreatedCanister(read.Status.Reply!);
        network.Emulator.GetCanister(canister).Should().NotBeNull();
        network.Emulator.Counters.CanistersCreated.Should().Be(created + 1, "every resend carried the same request id");
    }

    [Fact]
    public async Task A_call_never_sent_reads_as_expired_once_the_ic_clock_passes_its_ingress_expiry()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var emulator = await IcEmulator.StartAsync(new IcEmulatorOptions { Clock = clock });
        using var agent = new HttpAgent(new HttpAgentOptions
        {
            Url = emulator.Url,
            Identity = network.Operator,
            RootKeySource = RootKeySource.Fetch,
            SignatureVerifier = Bls12381SignatureVerifier.Shared,
            Clock = clock,
        });
        var management = new ManagementCanister(agent);
        var prepared = agent.PrepareCall(ManagementCalls.ProvisionalCreateCanisterWithCycles(null, null, null, management.ProvisionalEffectiveCanisterId));

        var early = await agent.ReadRequestStatusAsync(prepared.Call.EffectiveCanisterId, prepared.RequestId);
        early.ExpiredWithoutStatus(prepared.IngressExpiry).Should().BeFalse("until its expiry the request could still arrive and run");

        clock.Advance(agent.Options.IngressExpiry + TimeSpan.FromSeconds(1));
        var late = await agent.ReadRequestStatusAsync(prepared.Call.EffectiveCanisterId, prepared.RequestId);
        late.ExpiredWithoutStatus(prepared.IngressExpiry).Should().BeTrue();
        late.CertifiedAt.Should().BeAfter(prepared.IngressExpiry);

        var resend = () => agent.SubmitAsync(prepared);
        await resend.Should().ThrowAsync<IcHttpException>("the IC refuses an expired request, so it can never run");
        emulator.GetCanisters().Should().BeEmpty();
    }

    [Fact]
    public async Task The_subnet_canister_ranges_contain_the_canisters_it_hosts()
    {
        using var agent = network.Agent();
        var management = new ManagementCanister(agent);
        var ranges = await agent.ReadSubnetCanisterRangesAsync(management.ProvisionalEffectiveCanisterId);
        ranges.Contains(management.ProvisionalEffectiveCanisterId).Should().BeTrue();
        ranges.Contains(Principal.ManagementCanister).Should().BeFalse("the management canister is no subnet's canister");
    }
}
