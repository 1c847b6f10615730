using IcOperator.Agent.Bls;
using IcOperator.Agent.Identities;
using IcOperator.Agent.Management;
using IcOperator.Agent.Transport;
using IcOperator.Api.V1Alpha1;
using IcOperator.Candid;
using IcOperator.Controllers.Calls;
using IcOperator.Emulators.Ic;
using IcOperator.Emulators.Ic.Modules;

namespace IcOperator.Tests.Controllers.Calls;

/// <summary>
/// The exactly-once mechanism on its own, against the IC emulator: a call recorded before it is sent is, after a
/// "restart" (a new agent, only the record kept), answered from the IC by its request id and never sent twice.
/// </summary>
public sealed class ExactlyOnceCallTests : IAsyncLifetime, IDisposable
{
    private readonly Ed25519Identity identity = Ed25519Identity.Generate();
    private IcEmulator ic = null!;
    private Principal canister = null!;

    public async Task InitializeAsync()
    {
        ic = await IcEmulator.StartAsync();
        using var agent = Agent();
        var management = new ManagementCanister(agent);
        canister = await management.ProvisionalCreateCanisterWithCyclesAsync(10_000_000_000_000, new CanisterSettings { Controllers = [agent.Sender] });
        var module = new TestModuleBuilder()
            .WithMethod("append", new MethodBehavior { Store = "last", Reply = "(\"stored\")" })
            .WithMethod("refuse", new MethodBehavior { Reject = "not today" })
            .Build();
        await management.InstallCodeAsync(canister, CanisterInstallMode.InstallMode, module, CandidEncoder.Encode([], []));
    }

    public async Task DisposeAsync() => await ic.DisposeAsync();

    public void Dispose() => identity.Dispose();

    private HttpAgent Agent() => new(new HttpAgentOptions
    {
        Url = ic.Url,
        Identity = identity,
        RootKeySource = RootKeySource.Fetch,
        SignatureVerifier = Bls12381SignatureVerifier.Shared,
        RetryInitialDelay = TimeSpan.FromMilliseconds(5),
        PollInitialDelay = TimeSpan.FromMilliseconds(5),
        RequestsPerSecond = 1000,
    });

    private CanisterCall Append(string text) => new(canister, "append", CandidText.EncodeArguments($"(\"{text}\")", [CandidType.Text]));

    [Fact]
    public async Task A_call_whose_response_is_lost_is_answered_after_a_restart_from_its_recorded_request_id()
    {
        RecordedCall? status = null;
        long callsWhenRecorded = -1;
        Task Record(RecordedCall call, CancellationToken _)
        {
            status = call;
            callsWhenRecorded = ic.Counters.Calls("append");
            return Task.CompletedTask;
        }

        using (var first = Agent())
        {
            ic.Faults.DropResponses("append", first.Options.MaxAttempts);
            var lost = await ExactlyOnceCall.RunAsync(first, null, Append("one"), Record, default);
            lost.Kind.Should().Be(CallOutcomeKind.InFlight, "the operator never learnt the outcome");
            lost.Call.Should().Be(status);
        }

        callsWhenRecorded.Should().Be(0, "the request is recorded before it is sent");
        status!.Method.Should().Be("append");
        status.EffectiveCanisterId.Should().Be(canister.ToString());
        ic.Counters.Calls("append").Should().Be(1, "the call ran although its response was lost");

        using var restarted = Agent();
        var outcome = await ExactlyOnceCall.RunAsync(restarted, status, Append("one"), (_, _) => throw new InvalidOperationException("a recorded call must not be sent again"), default);
        outcome.Kind.Should().Be(CallOutcomeKind.Replied);
        CandidDecoder.Decode(outcome.RequireReply(), [CandidType.Text])[0].AsText().Should().Be("stored");
        ic.Counters.Calls("append").Should().Be(1, "exactly one call");
    }

    [Fact]
    public async Task A_rejected_call_is_read_back_as_the_ics_reject()
    {
        RecordedCall? status = null;
        using var agent = Agent();
        var refuse = new CanisterCall(canister, "refuse", CandidEncoder.Encode([], []));
        var first = await ExactlyOnceCall.RunAsync(agent, null, refuse, (c, _) => { status = c; return Task.CompletedTask; }, default);
        first.Kind.Should().Be(CallOutcomeKind.Rejected);

        var again = await ExactlyOnceCall.ReadAsync(agent, status!, default);
        again!.Kind.Should().Be(CallOutcomeKind.Rejected);
        again.Reject!.RejectMessage.Should().Contain("not today");
        ic.Counters.Calls("refuse").Should().Be(1);
    }

    [Fact]
    public async Task A_recorded_request_that_never_left_waits_until_its_ingress_expiry_then_is_replaced()
    {
        using var agent = Agent();
        var neverSent = agent.PrepareCall(Append("lost"));
        var recorded = new RecordedCall
        {
            Method = "append",
            CanisterId = canister.ToString(),
            EffectiveCanisterId = canister.ToString(),
            RequestId = neverSent.RequestId.ToString(),
            IngressExpiry = neverSent.IngressExpiry,
        };

        var waiting = await ExactlyOnceCall.RunAsync(agent, recorded, Append("two"), (_, _) => throw new InvalidOperationException("it may still arrive before its expiry"), default);
        waiting.Kind.Should().Be(CallOutcomeKind.InFlight);
        ic.Counters.Calls("append").Should().Be(0);

        var expired = recorded with { IngressExpiry = ic.Clock.GetUtcNow() - TimeSpan.FromSeconds(1) };
        RecordedCall? replacement = null;
        var sent = await ExactlyOnceCall.RunAsync(agent, expired, Append("two"), (c, _) => { replacement = c; return Task.CompletedTask; }, default);
        sent.Kind.Should().Be(CallOutcomeKind.Replied);
        replacement!.RequestId.Should().NotBe(recorded.RequestId, "an expired request is replaced by a new one");
        ic.Counters.Calls("append").Should().Be(1);
    }
}
