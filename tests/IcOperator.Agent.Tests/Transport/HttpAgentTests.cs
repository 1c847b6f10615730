using System.Net;
using IcOperator.Agent.Certificates;
using IcOperator.Agent.Identities;
using IcOperator.Agent.Responses;
using IcOperator.Agent.Tests.Support;
using IcOperator.Agent.Transport;
using IcOperator.Candid;

namespace IcOperator.Agent.Tests.Transport;

public sealed class HttpAgentTests : IDisposable
{
    private static readonly Principal Canister = Principal.FromCanisterIndex(7);
    private readonly FakeReplica replica = new();
    private readonly Ed25519Identity identity = Ed25519Identity.Generate();

    public HttpAgentTests()
    {
        replica.Methods["echo"] = arg => QueryResponse.Replied([.. arg, 0xff]);
        replica.Methods["trap"] = _ => QueryResponse.Rejected(RejectCode.CanisterError, "Canister trapped: boom", "IC0503");
    }

    public void Dispose()
    {
        replica.Dispose();
        identity.Dispose();
    }

    [Fact]
    public async Task Update_calls_use_v4_and_return_the_certified_reply()
    {
        using var agent = Agent();
        (await agent.CallAsync(Canister, "echo", [1, 2])).Should().Equal(1, 2, 0xff);
        replica.Received.Should().Contain(r => r.Path == $"api/v4/canister/{Canister}/call");
        agent.CallVersion.Should().Be(4);
    }

    [Fact]
    public async Task A_call_with_a_chunk_sized_argument_reaches_the_replica_whole_and_signed_over_its_request_id()
    {
        using var agent = Agent();
        var arg = new byte[(1024 * 1024) + 5];
        new Random(5).NextBytes(arg);

        // The envelope goes out in segments (the argument is not copied into it); the replica decodes the body and
        // checks the signature over the request id of what it received.
        var prepared = agent.PrepareCall(new CanisterCall(Canister, "echo", arg));
        prepared.Envelope.IsSingleSegment.Should().BeFalse();
        (await agent.SubmitAsync(prepared)).Should().Equal([.. arg, 0xff]);
        replica.Received.Should().Contain(r => r.Path == $"api/v4/canister/{Canister}/call" && r.RequestId == prepared.RequestId);
    }

    [Fact]
    public async Task Without_v4_and_v3_calls_fall_back_to_v2_and_poll_read_state()
    {
        replica.CallVersions.ExceptWith([3, 4]);
        replica.PollsBeforeStatus = 2;
        using var agent = Agent();
        (await agent.CallAsync(Canister, "echo", [5])).Should().Equal(5, 0xff);
        agent.CallVersion.Should().Be(2);
        replica.Received.Count(r => r.Path.EndsWith("/read_state", StringComparison.Ordinal)).Should().Be(3);

        (await agent.CallAsync(Canister, "echo", [6])).Should().Equal(6, 0xff);
        replica.Received.Count(r => r.Path.StartsWith("api/v4/", StringComparison.Ordinal)).Should().Be(1, "the missing endpoint is remembered");
    }

    [Fact]
    public async Task A_sync_call_that_times_out_is_polled_to_its_reply()
    {
        replica.SyncCallsTimeOut = true;
        using var agent = Agent();
        (await agent.CallAsync(Canister, "echo", [9])).Should().Equal(9, 0xff);
        agent.CallVersion.Should().Be(4);
    }

    [Fact]
    public async Task Transient_errors_resend_the_same_signed_request_and_the_call_executes_once()
    {
        using var agent = Agent();
        await agent.RootKeyAsync();
        replica.FailNext(HttpStatusCode.ServiceUnavailable, HttpStatusCode.TooManyRequests, HttpStatusCode.BadGateway);
        (await agent.CallAsync(Canister, "echo", [1])).Should().Equal(1, 0xff);
        var submissions = replica.Received.Where(r => r.Path.EndsWith("/call", StringComparison.Ordinal)).ToList();
        submissions.Should().HaveCount(4);
        submissions.Select(s => s.RequestId).Distinct().Should().ContainSingle();
        replica.Executions.Values.Should().Equal(1);
    }

    [Fact]
    public async Task When_retries_run_out_the_outcome_is_reported_unknown_with_the_request_id()
    {
        using var agent = Agent();
        await agent.RootKeyAsync();
        replica.FailNext(Enumerable.Repeat(HttpStatusCode.ServiceUnavailable, 5).ToArray());
        var act = () => agent.CallAsync(Canister, "echo", [1]);
        var error = (await act.Should().ThrowAsync<IcCallOutcomeUnknownException>()).Which;
        error.RequestId.Should().Be(replica.Received.First().RequestId);
        error.Message.Should().Contain("can still execute until");
    }

    [Fact]
    public async Task Rejects_become_typed_errors_with_reject_code_and_error_code()
    {
        using var agent = Agent();
        var call = (await ((Func<Task>)(() => agent.CallAsync(Canister, "trap", []))).Should().ThrowAsync<IcRejectException>()).Which;
        call.RejectCode.Should().Be(RejectCode.CanisterError);
        call.ErrorCode.Should().Be("IC0503");
        call.Message.Should().Contain("trap on canister").And.Contain("Canister trapped: boom");

        var query = (await ((Func<Task>)(() => agent.QueryAsync(Canister, "trap", []))).Should().ThrowAsync<IcRejectException>()).Which;
        query.ErrorCode.Should().Be("IC0503");
    }

    [Fact]
    public async Task Queries_are_checked_against_the_node_keys_of_the_subnet()
    {
        using var agent = Agent();
        (await agent.QueryAsync(Canister, "echo", [3])).Should().Equal(3, 0xff);
        replica.Received.Should().Contain(r => r.Path == $"api/v3/canister/{Canister}/query");

        replica.CorruptQuerySignatures = true;
        var act = () => agent.QueryAsync(Canister, "echo", [3]);
        (await act.Should().ThrowAsync<CertificateVerificationException>()).Which.Message.Should().Contain("does not verify");
    }

    [Fact]
    public async Task A_failed_read_of_node_keys_fails_its_query_and_the_next_query_reads_them_again()
    {
        using var agent = Agent();
        replica.ReadStatesRefused = 1;
        var first = () => agent.QueryAsync(Canister, "echo", [3]);
        await first.Should().ThrowAsync<IcHttpException>();

        (await agent.QueryAsync(Canister, "echo", [4])).Should().Equal(4, 0xff);
        replica.Received.Count(r => r.Path == $"api/v3/canister/{Canister}/read_state").Should().Be(2, "the failed read is not kept for later queries");
    }

    [Fact]
    public async Task Without_a_BLS_verifier_certified_answers_are_refused_unless_insecure_local()
    {
        using var closed = Agent(o => o with { SignatureVerifier = null });
        var act = () => closed.CallAsync(Canister, "echo", [1]);
        (await act.Should().ThrowAsync<CertificateVerificationException>()).Which.Reason.Should().Be(CertificateRejection.NoSignatureVerifier);

        using var insecure = Agent(o => o with { SignatureVerifier = null, InsecureLocal = true });
        (await insecure.CallAsync(Canister, "echo", [1])).Should().Equal(1, 0xff);
    }

    [Fact]
    public async Task A_replica_signing_with_another_root_key_is_refused()
    {
        using var agent = Agent(o => o with { RootKeySource = RootKeySource.Explicit, RootKey = BlsPublicKey.ToDer(new byte[96]) });
        var act = () => agent.ReadStateAsync(Canister, [StatePaths.Time]);
        (await act.Should().ThrowAsync<CertificateVerificationException>()).Which.Reason.Should().Be(CertificateRejection.InvalidSignature);
    }

    [Fact]
    public async Task Root_keys_are_fetched_only_from_loopback_or_cluster_local_urls()
    {
        using var remote = Agent(o => o with { Url = new Uri("https://icp-api.io/") });
        var act = () => remote.RootKeyAsync();
        (await act.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("only loopback and cluster-local");

        using var local = Agent();
        (await local.RootKeyAsync()).Should().Equal(replica.RootKey);
        RootKeys.MayFetchFrom(new Uri("http://ic-emulator.ic-system.svc:4943/")).Should().BeTrue();
        RootKeys.MayFetchFrom(new Uri("http://example.org/")).Should().BeFalse();
    }

    [Fact]
    public async Task Concurrent_calls_are_capped_per_network()
    {
        using var agent = Agent(o => o with { MaxConcurrentCalls = 2, VerifyQuerySignatures = false });
        await agent.RootKeyAsync();
        replica.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        replica.InFlightTarget = 2;
        var queries = Enumerable.Range(0, 6).Select(i => agent.QueryAsync(Canister, "echo", [(byte)i])).ToList();
        await replica.InFlightReached.Task.WaitAsync(TimeSpan.FromSeconds(30));
        replica.Gate.SetResult();
        var replies = await Task.WhenAll(queries).WaitAsync(TimeSpan.FromSeconds(30));
        replies.Select(r => r[0]).Should().BeEquivalentTo(Enumerable.Range(0, 6).Select(i => (byte)i));
        replica.MaxInFlight.Should().Be(2);
    }

    [Fact]
    public async Task Requests_are_signed_by_the_identity_and_refused_when_tampered()
    {
        using var agent = Agent();
        agent.Sender.Should().Be(identity.Sender);
        await agent.ReadStateAsync(Canister, [StatePaths.Time]);

        using var anonymous = Agent(o => o with { Identity = AnonymousIdentity.Instance });
        (await anonymous.QueryAsync(Canister, "echo", [1])).Should().Equal(1, 0xff);

        var forged = new ForgedIdentity(identity);
        using var forger = Agent(o => o with { Identity = forged });
        var act = () => forger.QueryAsync(Canister, "echo", [1]);
        (await act.Should().ThrowAsync<IcHttpException>()).Which.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_call_without_a_final_status_within_the_call_timeout_is_reported_unknown()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        replica.SyncCallsTimeOut = true;
        replica.PollsBeforeStatus = int.MaxValue;
        using var agent = Agent(o => o with { Clock = clock, CallTimeout = TimeSpan.FromSeconds(30), PollInitialDelay = TimeSpan.FromSeconds(1), PollMaxDelay = TimeSpan.FromSeconds(1) });
        await agent.RootKeyAsync();

        var call = agent.CallAsync(Canister, "echo", [1]);
        // Fake time moves one poll interval each time the agent waits for its next poll (the call timeout's timer and
        // the poll delay's timer both pending), until the timeout fires at 30 s.
        for (var step = 0; step < 100 && !call.IsCompleted; step++)
        {
            await Until(() => call.IsCompleted || clock.PendingTimers >= 2);
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        var error = (await ((Func<Task>)(() => call.WaitAsync(TimeSpan.FromSeconds(30)))).Should().ThrowAsync<IcCallOutcomeUnknownException>()).Which;
        error.Message.Should().Contain("call timeout");
        error.RequestId.Should().Be(replica.Received.First(r => r.Path.EndsWith("/call", StringComparison.Ordinal)).RequestId);
        replica.Executions.Values.Should().Equal(1);
        replica.Received.Count(r => r.Path.EndsWith("/read_state", StringComparison.Ordinal)).Should().BeInRange(28, 31, "one poll per second of fake time");
    }

    [Fact]
    public async Task Queries_fall_back_to_v2_and_refusals_are_not_retried()
    {
        replica.QueryVersions.Remove(3);
        using var agent = Agent();
        (await agent.QueryAsync(Canister, "echo", [4])).Should().Equal(4, 0xff);
        replica.Received.Should().Contain(r => r.Path == $"api/v2/canister/{Canister}/query");

        replica.FailNext(HttpStatusCode.BadRequest);
        var act = () => agent.CallAsync(Canister, "echo", [1]);
        (await act.Should().ThrowAsync<IcHttpException>()).Which.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        replica.Executions.Should().BeEmpty("the refused call never ran and was not resent");
    }

    private static async Task Until(Func<bool> condition)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            if (started.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException("the agent never reached the expected state");
            }

            await Task.Yield();
        }
    }

    private HttpAgent Agent(Func<HttpAgentOptions, HttpAgentOptions>? adjust = null)
    {
        var options = new HttpAgentOptions
        {
            Url = new Uri("http://127.0.0.1:4943/"),
            Identity = identity,
            RootKeySource = RootKeySource.Fetch,
            SignatureVerifier = new HashSignatures(),
            RetryInitialDelay = TimeSpan.FromMilliseconds(1),
            RetryMaxDelay = TimeSpan.FromMilliseconds(2),
            PollInitialDelay = TimeSpan.FromMilliseconds(1),
            PollMaxDelay = TimeSpan.FromMilliseconds(2),
            RequestsPerSecond = 10_000,
        };
        return new HttpAgent(adjust?.Invoke(options) ?? options, new HttpClient(replica, disposeHandler: false));
    }

    private sealed class ForgedIdentity(IIdentity inner) : IIdentity
    {
        public Principal Sender => inner.Sender;

        public byte[]? PublicKeyDer => inner.PublicKeyDer;

        public byte[]? Sign(ReadOnlySpan<byte> message)
        {
            var signature = inner.Sign(message)!;
            signature[0] ^= 1;
            return signature;
        }
    }
}
