using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using IcOperator.Agent.Certificates;
using IcOperator.Agent.HashTrees;
using IcOperator.Agent.Identities;
using IcOperator.Agent.RequestIds;
using IcOperator.Agent.Requests;
using IcOperator.Agent.Responses;
using IcOperator.Candid;

namespace IcOperator.Agent.Tests.Support;

/// <summary>
/// A scripted replica behind an HttpMessageHandler: it checks envelopes and signatures like the IC, executes calls
/// through <see cref="Methods"/> at most once per request id, certifies state with <see cref="HashSignatures"/> under its
/// own root key (root subnet, no delegation) and signs query replies with an Ed25519 node key.
/// </summary>
internal sealed class FakeReplica : HttpMessageHandler
{
    private readonly byte[] rootKeyRaw = RandomNumberGenerator.GetBytes(96);
    private readonly Ed25519Identity node = Ed25519Identity.Generate();
    private readonly ConcurrentDictionary<RequestId, QueryResponse> statuses = new();
    private readonly ConcurrentQueue<HttpStatusCode> scriptedFailures = new();
    private int inFlight;

    public FakeReplica()
    {
        RootKey = BlsPublicKey.ToDer(rootKeyRaw);
        SubnetId = Principal.SelfAuthenticating(RootKey);
        NodeId = Principal.SelfAuthenticating(node.PublicKeyDer);
    }

    public byte[] RootKey { get; }

    public Principal SubnetId { get; }

    public Principal NodeId { get; }

    /// <summary>Call and query endpoint versions this replica serves.</summary>
    public HashSet<int> CallVersions { get; } = [2, 3, 4];

    public HashSet<int> QueryVersions { get; } = [2, 3];

    /// <summary>Method name → reply (Candid bytes) or reject.</summary>
    public ConcurrentDictionary<string, Func<byte[], QueryResponse>> Methods { get; } = new();

    /// <summary>How many read_state polls answer "processing" before the status appears, for v2 calls.</summary>
    public int PollsBeforeStatus { get; set; }

    /// <summary>v3/v4 answer 202 instead of a certificate (as when the replica times out).</summary>
    public bool SyncCallsTimeOut { get; set; }

    public bool CorruptQuerySignatures { get; set; }

    /// <summary>How many read_state requests are answered 400 before they are answered again.</summary>
    public int ReadStatesRefused { get; set; }

    public ConcurrentBag<(string Path, RequestId RequestId)> Received { get; } = [];

    public ConcurrentDictionary<RequestId, int> Executions { get; } = new();

    public int MaxInFlight { get; private set; }

    /// <summary>When set, requests wait for it before being answered.</summary>
    public TaskCompletionSource? Gate { get; set; }

    public TaskCompletionSource<int> InFlightReached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int InFlightTarget { get; set; } = int.MaxValue;

    public void FailNext(params HttpStatusCode[] codes)
    {
        foreach (var code in codes)
        {
            scriptedFailures.Enqueue(code);
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var now = Interlocked.Increment(ref inFlight);
        lock (scriptedFailures)
        {
            MaxInFlight = Math.Max(MaxInFlight, now);
        }

        try
        {
            if (now >= InFlightTarget)
            {
                InFlightReached.TrySetResult(now);
            }

            if (Gate is { } gate)
            {
                await gate.Task.WaitAsync(cancellationToken);
            }

            var path = request.RequestUri!.AbsolutePath.TrimStart('/');
            var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
            if (scriptedFailures.TryDequeue(out var failure))
            {
                if (body.Length > 0)
                {
                    Received.Add((path, SignedEnvelope.Decode(body).Content.RequestId));
                }

                return new HttpResponseMessage(failure) { Content = new StringContent("scripted failure") };
            }

            return Answer(path, body);
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
        }
    }

    protected override void Dispose(bool disposing)
    {
        node.Dispose();
        base.Dispose(disposing);
    }

    private HttpResponseMessage Answer(string path, byte[] body)
    {
        var parts = path.Split('/');
        if (path == "api/v2/status")
        {
            return Cbor(HttpStatusCode.OK, new StatusResponse { RootKey = RootKey, ReplicaHealthStatus = "healthy" }.Encode());
        }

        var version = int.Parse(parts[1][1..]);
        var kind = parts[^1];
        var envelope = SignedEnvelope.Decode(body);
        var requestId = envelope.Content.RequestId;
        Received.Add((path, requestId));
        if (envelope.SenderPublicKey is { } key)
        {
            if (Principal.SelfAuthenticating(key) != envelope.Content.Sender || !SignatureVerification.VerifyRequest(key, requestId, envelope.SenderSignature!))
            {
                return new HttpResponseMessage(HttpStatusCode.Forbidden) { Content = new StringContent("invalid signature") };
            }
        }

        switch (kind)
        {
            case "call" when CallVersions.Contains(version):
                var call = (CallContent)envelope.Content;
                statuses.GetOrAdd(requestId, _ =>
                {
                    Executions.AddOrUpdate(requestId, 1, (_, n) => n + 1);
                    return Methods.TryGetValue(call.MethodName, out var method) ? method(call.Arg) : QueryResponse.Rejected(RejectCode.DestinationInvalid, "no such method", "IC0302");
                });
                if (version == 2 || SyncCallsTimeOut)
                {
                    return new HttpResponseMessage(HttpStatusCode.Accepted);
                }

                return Cbor(HttpStatusCode.OK, CallResponse.Replied(Certify([StatePaths.RequestStatus(requestId)], includeStatus: true)).Encode());
            case "query" when QueryVersions.Contains(version):
                var query = (QueryContent)envelope.Content;
                var response = Methods[query.MethodName](query.Arg);
                var timestamp = (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000;
                var signature = node.Sign(RequestSigning.ResponseMessage(response.SignableHash(requestId, timestamp)))!;
                if (CorruptQuerySignatures)
                {
                    signature[0] ^= 1;
                }

                return Cbor(HttpStatusCode.OK, (response with { Signatures = [new NodeSignature(timestamp, signature, NodeId)] }).Encode());
            case "read_state" when version is 2 or 3 && ReadStatesRefused > 0:
                ReadStatesRefused--;
                return new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent("scripted refusal") };
            case "read_state" when version is 2 or 3:
                var paths = ((ReadStateContent)envelope.Content).Paths;
                var ready = PollsBeforeStatus-- <= 0;
                return Cbor(HttpStatusCode.OK, new ReadStateResponse(Certify(paths, ready)).Encode());
            default:
                return new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent("no such endpoint") };
        }
    }

    private byte[] Certify(IReadOnlyList<IReadOnlyList<byte[]>> paths, bool includeStatus)
    {
        var builder = new HashTreeBuilder()
            .Add(StatePaths.Time, Leb128.EncodeUnsigned((ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000))
            .Add(StatePaths.NodePublicKey(SubnetId, NodeId), node.PublicKeyDer)
            .Add(StatePaths.SubnetPublicKey(SubnetId), RootKey);
        foreach (var (id, status) in statuses)
        {
            var prefix = StatePaths.RequestStatus(id);
            if (!includeStatus)
            {
                builder.Add([.. prefix, "status"u8.ToArray()], "processing"u8);
                continue;
            }

            if (status.IsReplied)
            {
                builder.Add([.. prefix, "status"u8.ToArray()], "replied"u8).Add([.. prefix, "reply"u8.ToArray()], status.ReplyArg);
            }
            else
            {
                builder.Add([.. prefix, "status"u8.ToArray()], "rejected"u8)
                    .Add([.. prefix, "reject_code"u8.ToArray()], Leb128.EncodeUnsigned((ulong)status.RejectCode!.Value))
                    .Add([.. prefix, "reject_message"u8.ToArray()], Encoding.UTF8.GetBytes(status.RejectMessage!))
                    .Add([.. prefix, "error_code"u8.ToArray()], Encoding.UTF8.GetBytes(status.ErrorCode!));
            }
        }

        var tree = builder.Build().Witness([.. paths, StatePaths.Time]);
        var certificate = new Certificate { Tree = tree, Signature = [] };
        return (certificate with { Signature = HashSignatures.Sign(rootKeyRaw, certificate.SignedMessage()) }).Encode();
    }

    private static HttpResponseMessage Cbor(HttpStatusCode status, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/cbor");
        return new HttpResponseMessage(status) { Content = content };
    }
}
