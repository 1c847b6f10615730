using System.Collections.Concurrent;
using IcOperator.Agent.Certificates;
using IcOperator.Agent.Responses;
using IcOperator.Agent.Transport;
using IcOperator.Candid;

namespace IcOperator.Agent.Tests.Support;

/// <summary>An agent that records what typed clients send and answers from a script keyed by method name.</summary>
internal sealed class RecordingAgent : IIcAgent
{
    public List<(Principal Canister, string Method, byte[] Arg, Principal EffectiveCanisterId, bool Query)> Sent { get; } = [];

    public ConcurrentDictionary<string, Func<byte[], byte[]>> Replies { get; } = new();

    public Principal Sender { get; } = Principal.FromCanisterIndex(42);

    /// <summary>The Candid encoding of <c>()</c>, what most management methods reply.</summary>
    public static byte[] Unit { get; } = CandidEncoder.Encode([], []);

    public Task<StatusResponse> StatusAsync(CancellationToken cancellationToken = default) => Task.FromResult(new StatusResponse { ReplicaHealthStatus = "healthy" });

    public Task<byte[]> RootKeyAsync(CancellationToken cancellationToken = default) => Task.FromResult(RootKeys.Mainnet);

    public Task<byte[]> CallAsync(Principal canisterId, string method, byte[] arg, Principal? effectiveCanisterId = null, CancellationToken cancellationToken = default) =>
        Answer(canisterId, method, arg, effectiveCanisterId, query: false);

    public PreparedCall PrepareCall(CanisterCall call) => new()
    {
        Call = call,
        RequestId = new IcOperator.Agent.RequestIds.RequestId(System.Security.Cryptography.SHA256.HashData(call.Arg)),
        IngressExpiry = DateTimeOffset.UnixEpoch,
        Envelope = new System.Buffers.ReadOnlySequence<byte>(call.Arg),
    };

    public Task<byte[]> SubmitAsync(PreparedCall call, CancellationToken cancellationToken = default) =>
        Answer(call.Call.CanisterId, call.Call.Method, call.Call.Arg, call.Call.EffectiveCanisterId, query: false);

    public Task<byte[]> QueryAsync(Principal canisterId, string method, byte[] arg, Principal? effectiveCanisterId = null, CancellationToken cancellationToken = default) =>
        Answer(canisterId, method, arg, effectiveCanisterId, query: true);

    public Task<Certificate> ReadStateAsync(Principal effectiveCanisterId, IReadOnlyList<IReadOnlyList<byte[]>> paths, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException("typed clients do not read state");

    public Task<Certificate> ReadSubnetStateAsync(Principal subnetId, IReadOnlyList<IReadOnlyList<byte[]>> paths, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException("typed clients do not read state");

    private Task<byte[]> Answer(Principal canisterId, string method, byte[] arg, Principal? effectiveCanisterId, bool query)
    {
        lock (Sent)
        {
            // Chunks of one module are uploaded in parallel.
            Sent.Add((canisterId, method, arg, effectiveCanisterId ?? canisterId, query));
        }

        return Task.FromResult(Replies.TryGetValue(method, out var reply) ? reply(arg) : Unit);
    }
}
