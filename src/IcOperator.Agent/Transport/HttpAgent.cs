using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using IcOperator.Agent.Certificates;
using IcOperator.Agent.Identities;
using IcOperator.Agent.RequestIds;
using IcOperator.Agent.Requests;
using IcOperator.Agent.Responses;
using IcOperator.Candid;

namespace IcOperator.Agent.Transport;

/// <summary>
/// The IC HTTP interface for one network: calls on <c>/api/v4</c> falling back to v3 and v2 (202 then read_state
/// polling), queries on <c>/api/v3</c> (v2 fallback) with node-signature checks, verified read_state. Retries resend the
/// same signed request, so an update can never run twice under different request ids.
/// </summary>
public sealed class HttpAgent : IIcAgent, IDisposable
{
    private static readonly MediaTypeHeaderValue Cbor = new("application/cbor");

    private readonly HttpClient http;
    private readonly bool ownsHttp;
    private readonly SemaphoreSlim concurrency;
    private readonly RequestRateLimiter rateLimiter;
    private readonly ConcurrentDictionary<Principal, SubnetNodeKeys> nodeKeys = new();

    /// <summary>Node keys by subnet, with the subnet's canister ranges as the root key signed them: a query to any canister in them needs no read.</summary>
    private readonly ConcurrentDictionary<Principal, (SubnetNodeKeys Keys, IReadOnlyList<CanisterRanges> Ranges)> nodeKeysBySubnet = new();
    /// <summary>Reads of node keys in flight, by the canister they read through: queries that need the same keys wait for them.</summary>
    private readonly Dictionary<Principal, Task<SubnetNodeKeys>> keyReads = [];
    private readonly SemaphoreSlim verifierGate = new(1, 1);
    private CertificateVerifier? verifier;
    private readonly EndpointVersion callVersion = new(4);
    private readonly EndpointVersion queryVersion = new(3);
    private readonly EndpointVersion readStateVersion = new(3);

    public HttpAgent(HttpAgentOptions options, HttpClient? httpClient = null)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        if (options.IngressExpiry <= TimeSpan.Zero || options.IngressExpiry > TimeSpan.FromMinutes(5))
        {
            throw new ArgumentException($"IngressExpiry: expected more than 0 and at most 5 minutes (the IC's limit), found {options.IngressExpiry}", nameof(options));
        }

        if (options.MaxConcurrentCalls < 1 || options.RequestsPerSecond <= 0 || options.MaxAttempts < 1)
        {
            throw new ArgumentException($"limits: expected MaxConcurrentCalls ≥ 1, RequestsPerSecond > 0, MaxAttempts ≥ 1, found {options.MaxConcurrentCalls}, {options.RequestsPerSecond}, {options.MaxAttempts}", nameof(options));
        }

        http = httpClient ?? new HttpClient();
        ownsHttp = httpClient is null;
        concurrency = new SemaphoreSlim(options.MaxConcurrentCalls, options.MaxConcurrentCalls);
        rateLimiter = new RequestRateLimiter(options.RequestsPerSecond, options.Clock);
    }

    public HttpAgentOptions Options { get; }

    public Principal Sender => Options.Identity.Sender;

    /// <summary>The call endpoint version in use (4, 3 or 2); it drops when the replica lacks a newer one.</summary>
    public int CallVersion => callVersion.Current;

    public async Task<StatusResponse> StatusAsync(CancellationToken cancellationToken = default)
    {
        var (status, body) = await SendAsync(HttpMethod.Get, "api/v2/status", null, cancellationToken);
        return status == HttpStatusCode.OK
            ? StatusResponse.Decode(body)
            : throw new IcHttpException("api/v2/status", status, Describe(body));
    }

    /// <summary>The root key certificates are checked against (fetched once when the source is Fetch).</summary>
    public async Task<byte[]> RootKeyAsync(CancellationToken cancellationToken = default) =>
        (await VerifierAsync(cancellationToken)).Options.RootKey.ToArray();

    public Task<byte[]> CallAsync(Principal canisterId, string method, byte[] arg, Principal? effectiveCanisterId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(canisterId);
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(arg);
        return SubmitAsync(PrepareCall(new CanisterCall(canisterId, method, arg, effectiveCanisterId ?? canisterId)), cancellationToken);
    }

    public PreparedCall PrepareCall(CanisterCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var (expiry, expiryTime) = NextExpiry();
        var content = new CallContent { Sender = Sender, IngressExpiry = expiry, Nonce = RandomNumberGenerator.GetBytes(16), CanisterId = call.CanisterId, MethodName = call.Method, Arg = call.Arg };
        var requestId = content.RequestId;
        return new PreparedCall { Call = call, RequestId = requestId, IngressExpiry = expiryTime, Envelope = Sign(content, requestId) };
    }

    public async Task<byte[]> SubmitAsync(PreparedCall call, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        var (canisterId, method, _, ecid) = call.Call;
        var requestId = call.RequestId;
        var expiryTime = call.IngressExpiry;
        using var timeout = new CancellationTokenSource(Options.CallTimeout, Options.Clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var ct = linked.Token;
        try
        {
            await concurrency.WaitAsync(ct);
        }
        catch (OperationCanceledException e) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{method} on canister {canisterId}: no free call slot (MaxConcurrentCalls {Options.MaxConcurrentCalls}) within the call timeout of {Options.CallTimeout}", e);
        }

        var sent = false;
        try
        {
            var certificates = await VerifierAsync(ct);
            var envelope = call.Envelope;
            while (true)
            {
                var version = CallVersion;
                var endpoint = $"api/v{version}/canister/{ecid}/call";
                HttpStatusCode status;
                byte[] body;
                try
                {
                    sent = true;
                    (status, body) = await SendAsync(HttpMethod.Post, endpoint, envelope, ct);
                }
                catch (IcHttpException e)
                {
                    throw new IcCallOutcomeUnknownException(canisterId, method, requestId, expiryTime, "the request could not be delivered for sure", e);
                }

                if (version > 2 && status is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotImplemented)
                {
                    // The replica has no such endpoint, so nothing was submitted: the same request goes to the older one.
                    callVersion.Lower(version);
                    continue;
                }

                if (status == HttpStatusCode.OK && version > 2)
                {
                    var response = CallResponse.Decode(body);
                    if (!response.IsReplied)
                    {
                        throw new IcRejectException(canisterId, method, response.RejectCode!.Value, response.ErrorCode, response.RejectMessage ?? string.Empty);
                    }

                    var certificate = Certificate.Decode(response.Certificate);
                    certificates.VerifyForCanister(certificate, ecid);
                    var outcome = RequestStatus.FromTree(certificate.Tree, requestId);
                    if (outcome.IsTerminal)
                    {
                        return Finish(outcome, canisterId, method, requestId, expiryTime);
                    }
                }
                else if (status is not (HttpStatusCode.Accepted or HttpStatusCode.OK))
                {
                    throw new IcHttpException(endpoint, status, Describe(body));
                }

                return await PollAsync(canisterId, ecid, method, requestId, expiryTime, ct);
            }
        }
        catch (OperationCanceledException e) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // Once submitted, the call may still run: the caller must observe state rather than resend.
            throw sent
                ? new IcCallOutcomeUnknownException(canisterId, method, requestId, expiryTime, $"no final status within the call timeout of {Options.CallTimeout}", e)
                : new TimeoutException($"{method} on canister {canisterId}: not submitted within the call timeout of {Options.CallTimeout}", e);
        }
        finally
        {
            concurrency.Release();
        }
    }

    public async Task<byte[]> QueryAsync(Principal canisterId, string method, byte[] arg, Principal? effectiveCanisterId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(canisterId);
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(arg);
        var ecid = effectiveCanisterId ?? canisterId;
        await concurrency.WaitAsync(cancellationToken);
        try
        {
            var (expiry, _) = NextExpiry();
            var content = new QueryContent { Sender = Sender, IngressExpiry = expiry, Nonce = RandomNumberGenerator.GetBytes(16), CanisterId = canisterId, MethodName = method, Arg = arg };
            var requestId = content.RequestId;
            var body = await PostVersionedAsync(queryVersion, v => $"api/v{v}/canister/{ecid}/query", Sign(content, requestId), cancellationToken);
            var response = QueryResponse.Decode(body);
            if (Options.VerifyQuerySignatures)
            {
                await CheckNodeSignaturesAsync(response, requestId, ecid, cancellationToken);
            }

            return response.IsReplied
                ? response.ReplyArg!
                : throw new IcRejectException(canisterId, method, response.RejectCode!.Value, response.ErrorCode, response.RejectMessage ?? string.Empty);
        }
        finally
        {
            concurrency.Release();
        }
    }

    public async Task<Certificate> ReadStateAsync(Principal effectiveCanisterId, IReadOnlyList<IReadOnlyList<byte[]>> paths, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(effectiveCanisterId);
        await concurrency.WaitAsync(cancellationToken);
        try
        {
            return await ReadCanisterStateAsync(effectiveCanisterId, paths, cancellationToken);
        }
        finally
        {
            concurrency.Release();
        }
    }

    public async Task<Certificate> ReadSubnetStateAsync(Principal subnetId, IReadOnlyList<IReadOnlyList<byte[]>> paths, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subnetId);
        await concurrency.WaitAsync(cancellationToken);
        try
        {
            var certificates = await VerifierAsync(cancellationToken);
            var certificate = await ReadStateRawAsync($"api/v3/subnet/{subnetId}/read_state", paths, cancellationToken);
            certificates.VerifyForSubnet(certificate, subnetId);
            return certificate;
        }
        finally
        {
            concurrency.Release();
        }
    }

    public void Dispose()
    {
        concurrency.Dispose();
        verifierGate.Dispose();
        if (ownsHttp)
        {
            http.Dispose();
        }
    }

    private async Task<Certificate> ReadCanisterStateAsync(Principal ecid, IReadOnlyList<IReadOnlyList<byte[]>> paths, CancellationToken cancellationToken)
    {
        var certificates = await VerifierAsync(cancellationToken);
        var (expiry, _) = NextExpiry();
        var content = new ReadStateContent { Sender = Sender, IngressExpiry = expiry, Paths = paths };
        var body = await PostVersionedAsync(readStateVersion, v => $"api/v{v}/canister/{ecid}/read_state", Sign(content, content.RequestId), cancellationToken);
        var certificate = Certificate.Decode(ReadStateResponse.Decode(body).Certificate);
        certificates.VerifyForCanister(certificate, ecid);
        return certificate;
    }

    private async Task<Certificate> ReadStateRawAsync(string endpoint, IReadOnlyList<IReadOnlyList<byte[]>> paths, CancellationToken cancellationToken)
    {
        var (expiry, _) = NextExpiry();
        var content = new ReadStateContent { Sender = Sender, IngressExpiry = expiry, Paths = paths };
        var (status, body) = await SendAsync(HttpMethod.Post, endpoint, Sign(content, content.RequestId), cancellationToken);
        return status == HttpStatusCode.OK
            ? Certificate.Decode(ReadStateResponse.Decode(body).Certificate)
            : throw new IcHttpException(endpoint, status, Describe(body));
    }

    private async Task<byte[]> PollAsync(Principal canisterId, Principal ecid, string method, RequestId requestId, DateTimeOffset expiryTime, CancellationToken ct)
    {
        var delay = Options.PollInitialDelay;
        IReadOnlyList<IReadOnlyList<byte[]>> paths = [StatePaths.RequestStatus(requestId)];
        while (true)
        {
            RequestStatus outcome;
            try
            {
                var certificate = await ReadCanisterStateAsync(ecid, paths, ct);
                outcome = RequestStatus.FromTree(certificate.Tree, requestId);
            }
            catch (IcHttpException e)
            {
                throw new IcCallOutcomeUnknownException(canisterId, method, requestId, expiryTime, "its status could not be read", e);
            }

            if (outcome.IsTerminal)
            {
                return Finish(outcome, canisterId, method, requestId, expiryTime);
            }

            if (outcome.Status == RequestStatus.Unknown && Options.Clock.GetUtcNow() > expiryTime)
            {
                throw new IcCallOutcomeUnknownException(canisterId, method, requestId, expiryTime, "the ingress expiry passed without the IC reporting a status");
            }

            await Task.Delay(delay, Options.Clock, ct);
            delay = TimeSpan.FromTicks(Math.Min(Options.PollMaxDelay.Ticks, (long)(delay.Ticks * 1.5) + 1));
        }
    }

    private static byte[] Finish(RequestStatus outcome, Principal canisterId, string method, RequestId requestId, DateTimeOffset expiryTime) => outcome.Status switch
    {
        "replied" => outcome.Reply!,
        "rejected" => throw new IcRejectException(canisterId, method, outcome.RejectCode!.Value, outcome.ErrorCode, outcome.RejectMessage ?? string.Empty),
        _ => throw new IcCallOutcomeUnknownException(canisterId, method, requestId, expiryTime, "it executed but its reply was already pruned (status done)"),
    };

    private async Task CheckNodeSignaturesAsync(QueryResponse response, RequestId requestId, Principal ecid, CancellationToken cancellationToken)
    {
        var oldest = Options.Clock.GetUtcNow() - TimeSpan.FromMinutes(5);
        foreach (var signature in response.Signatures)
        {
            var signedAt = DateTimeOffset.UnixEpoch.AddTicks((long)(signature.Timestamp / 100));
            if (signedAt < oldest)
            {
                throw new CertificateVerificationException(CertificateRejection.TooOld, $"query response for canister {ecid}: node {signature.Identity} signed it at {signedAt:O}, more than 5 minutes ago");
            }
        }

        for (var attempt = 0; ; attempt++)
        {
            var keys = await NodeKeysAsync(ecid, refresh: attempt > 0, cancellationToken);
            if (keys.VerifyQueryResponse(response, requestId, out var problem))
            {
                return;
            }

            // Node membership changes; refresh the keys once before refusing.
            if (attempt > 0)
            {
                throw new CertificateVerificationException(CertificateRejection.InvalidSignature, $"query response for canister {ecid}: {problem}");
            }
        }
    }

    /// <summary>
    /// The node keys of the canister's subnet: those already read, or from a read. Queries that need keys no one has
    /// yet wait for the reads in flight first, since one of them may be of their subnet (whose certified ranges then
    /// cover them), and join a read through the same canister: a fleet's first queries, hundreds at once, read a
    /// subnet's keys once rather than once each. A refresh (keys that did not verify a reply) reads again.
    /// </summary>
    private async Task<SubnetNodeKeys> NodeKeysAsync(Principal ecid, bool refresh, CancellationToken cancellationToken)
    {
        var waitedForOthers = refresh;
        while (true)
        {
            if (!refresh && (nodeKeys.TryGetValue(ecid, out var known) || TryNodeKeysByRange(ecid, out known)))
            {
                return known;
            }

            TaskCompletionSource<SubnetNodeKeys>? mine = null;
            Task<SubnetNodeKeys>? same;
            Task[] others = [];
            lock (keyReads)
            {
                if (!keyReads.TryGetValue(ecid, out same))
                {
                    if (!waitedForOthers && keyReads.Count > 0)
                    {
                        others = [.. keyReads.Values];
                    }
                    else
                    {
                        mine = new TaskCompletionSource<SubnetNodeKeys>(TaskCreationOptions.RunContinuationsAsynchronously);
                        keyReads[ecid] = mine.Task;
                    }
                }
            }

            if (same is not null)
            {
                try
                {
                    return await same.WaitAsync(cancellationToken);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // The query that was reading was cancelled, not this one: look again.
                    continue;
                }
            }

            if (mine is null)
            {
                // Once only: a read through another canister that failed is its reader's to report, and this one then reads.
                waitedForOthers = true;
                await Task.WhenAll(others).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                cancellationToken.ThrowIfCancellationRequested();
                continue;
            }

            try
            {
                var keys = await ReadAndRememberNodeKeysAsync(ecid, cancellationToken);
                mine.SetResult(keys);
                return keys;
            }
            catch (OperationCanceledException e)
            {
                mine.SetCanceled(e.CancellationToken);
                throw;
            }
            catch (Exception e)
            {
                mine.SetException(e);
                _ = mine.Task.Exception; // observed here: whoever waited on it has its own copy
                throw;
            }
            finally
            {
                lock (keyReads)
                {
                    keyReads.Remove(ecid);
                }
            }
        }
    }

    private async Task<SubnetNodeKeys> ReadAndRememberNodeKeysAsync(Principal ecid, CancellationToken cancellationToken)
    {
        var certificate = await ReadCanisterStateAsync(ecid, [[Encoding.ASCII.GetBytes("subnet")]], cancellationToken);
        var certificates = await VerifierAsync(cancellationToken);
        var subnet = certificates.SigningSubnet(certificate);
        var keys = SubnetNodeKeys.FromCertificate(certificate, subnet);

        // Ranges the root key signed: the delegation's, or the certificate's own when the root subnet signed it.
        var ranges = CertificateVerifier.VisibleRanges(certificate.Delegation?.ParseCertificate() ?? certificate, subnet);
        nodeKeysBySubnet[subnet] = (keys, ranges);
        if (!ranges.Any(r => r.Contains(ecid)))
        {
            nodeKeys[ecid] = keys;
        }

        return keys;
    }

    private bool TryNodeKeysByRange(Principal ecid, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SubnetNodeKeys? keys)
    {
        keys = nodeKeysBySubnet.Values.FirstOrDefault(held => held.Ranges.Any(r => r.Contains(ecid))).Keys;
        return keys is not null;
    }

    private async Task<byte[]> PostVersionedAsync(EndpointVersion versions, Func<int, string> endpointOf, ReadOnlySequence<byte> envelope, CancellationToken cancellationToken)
    {
        while (true)
        {
            var version = versions.Current;
            var endpoint = endpointOf(version);
            var (status, body) = await SendAsync(HttpMethod.Post, endpoint, envelope, cancellationToken);
            if (status == HttpStatusCode.OK)
            {
                return body;
            }

            if (version > 2 && status is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotImplemented)
            {
                versions.Lower(version);
                continue;
            }

            throw new IcHttpException(endpoint, status, Describe(body));
        }
    }

    private async Task<(HttpStatusCode Status, byte[] Body)> SendAsync(HttpMethod method, string path, ReadOnlySequence<byte>? body, CancellationToken cancellationToken)
    {
        var delay = Options.RetryInitialDelay;
        for (var attempt = 1; ; attempt++)
        {
            await rateLimiter.WaitAsync(cancellationToken);
            Exception? failure = null;
            HttpStatusCode? status = null;
            byte[] responseBody = [];
            try
            {
                using var request = new HttpRequestMessage(method, new Uri(Options.Url, path));
                if (body is { } content)
                {
                    request.Content = content.IsSingleSegment ? new ReadOnlyMemoryContent(content.First) : new SequenceContent(content);
                    request.Content.Headers.ContentType = Cbor;
                }

                using var response = await http.SendAsync(request, cancellationToken);
                status = response.StatusCode;
                responseBody = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                if (!IsTransient(response.StatusCode))
                {
                    return (response.StatusCode, responseBody);
                }
            }
            catch (HttpRequestException e)
            {
                failure = e;
            }
            catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                // HttpClient's own timeout, not the caller's cancellation.
                failure = e;
            }

            if (attempt >= Options.MaxAttempts)
            {
                throw new IcHttpException(path, status, $"gave up after {attempt} attempts: {failure?.Message ?? Describe(responseBody)}", failure);
            }

            var jittered = TimeSpan.FromTicks((long)(delay.Ticks * (0.5 + (Random.Shared.NextDouble() / 2))));
            await Task.Delay(jittered, Options.Clock, cancellationToken);
            delay = TimeSpan.FromTicks(Math.Min(Options.RetryMaxDelay.Ticks, delay.Ticks * 2));
        }
    }

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    private async Task<CertificateVerifier> VerifierAsync(CancellationToken cancellationToken)
    {
        if (verifier is { } ready)
        {
            return ready;
        }

        await verifierGate.WaitAsync(cancellationToken);
        try
        {
            if (verifier is null)
            {
                var rootKey = Options.RootKeySource switch
                {
                    RootKeySource.Mainnet => RootKeys.Mainnet,
                    RootKeySource.Explicit => Options.RootKey ?? throw new InvalidOperationException("root key: source is Explicit but no RootKey was given"),
                    _ => await FetchRootKeyAsync(cancellationToken),
                };
                verifier = new CertificateVerifier(new CertificateVerifierOptions
                {
                    RootKey = rootKey,
                    SignatureVerifier = Options.SignatureVerifier,
                    InsecureSkipSignatureCheck = Options.InsecureLocal,
                    Clock = Options.Clock,
                });
            }

            return verifier;
        }
        finally
        {
            verifierGate.Release();
        }
    }

    private async Task<byte[]> FetchRootKeyAsync(CancellationToken cancellationToken)
    {
        if (!RootKeys.MayFetchFrom(Options.Url) && !Options.InsecureLocal)
        {
            throw new InvalidOperationException($"root key: fetching it from {Options.Url} is refused; only loopback and cluster-local URLs may serve their own root key (give the key instead)");
        }

        var status = await StatusAsync(cancellationToken);
        return status.RootKey ?? throw new InvalidOperationException($"root key: {Options.Url}api/v2/status has no root_key");
    }

    private (ulong Nanos, DateTimeOffset Time) NextExpiry()
    {
        var time = Options.Clock.GetUtcNow() + Options.IngressExpiry;
        var seconds = time.ToUnixTimeSeconds();
        return ((ulong)seconds * 1_000_000_000UL, DateTimeOffset.FromUnixTimeSeconds(seconds));
    }

    private ReadOnlySequence<byte> Sign(RequestContent content, RequestId requestId) => new SignedEnvelope
    {
        Content = content,
        SenderPublicKey = Options.Identity.PublicKeyDer,
        SenderSignature = Options.Identity.SignRequest(requestId),
    }.EncodeSegments();

    private static string Describe(byte[] body)
    {
        if (body.Length == 0)
        {
            return "(empty body)";
        }

        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 500));
        return text.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t') ? $"{body.Length}-byte binary body" : text.Trim();
    }
}
