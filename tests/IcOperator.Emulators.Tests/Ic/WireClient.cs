using System.Net;
using System.Text;
using IcOperator.Agent.Bls;
using IcOperator.Agent.Cbor;
using IcOperator.Agent.Certificates;
using IcOperator.Agent.HashTrees;
using IcOperator.Agent.Identities;
using IcOperator.Agent.Requests;
using IcOperator.Candid;
using IcOperator.Emulators.Ic;

namespace IcOperator.Emulators.Tests.Ic;

/// <summary>
/// Speaks the IC HTTP interface to the emulator with the agent's wire types: builds and signs envelopes, posts
/// them, verifies certificates against the emulator's root key, decodes replies.
/// </summary>
internal sealed class WireClient(IcEmulator emulator, IIdentity identity) : IDisposable
{
    private static readonly DidFile Management = DidFile.Parse(IcOperator.Emulators.Ic.Management.ManagementInterface.Did);
    private readonly HttpClient http = new() { BaseAddress = emulator.Url };

    public IIdentity Identity { get; } = identity;

    public Principal Sender => Identity.Sender;

    public CertificateVerifier Verifier => new(new CertificateVerifierOptions
    {
        RootKey = emulator.RootKeyDer,
        SignatureVerifier = Bls12381SignatureVerifier.Shared,
        Clock = emulator.Clock,
    });

    public ulong Expiry(TimeSpan? fromNow = null) =>
        (ulong)(emulator.Clock.GetUtcNow() + (fromNow ?? TimeSpan.FromMinutes(3)) - DateTimeOffset.UnixEpoch).Ticks * 100;

    public SignedEnvelope Sign(RequestContent content)
    {
        var id = content.RequestId;
        return new SignedEnvelope { Content = content, SenderPublicKey = Identity.PublicKeyDer, SenderSignature = Identity.SignRequest(id) };
    }

    public CallContent Call(Principal canister, string method, byte[] arg) =>
        new() { Sender = Sender, IngressExpiry = Expiry(), CanisterId = canister, MethodName = method, Arg = arg, Nonce = Guid.NewGuid().ToByteArray() };

    public async Task<(HttpStatusCode Status, byte[] Body)> PostAsync(string path, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/cbor");
        using var response = await http.PostAsync(path, content);
        return (response.StatusCode, await response.Content.ReadAsByteArrayAsync());
    }

    /// <summary>An update call through v4 (or v3): the certified outcome, or the reject as an exception.</summary>
    public async Task<byte[]> UpdateAsync(Principal canister, string method, byte[] arg, Principal? effective = null, string version = "v4")
    {
        var content = Call(canister, method, arg);
        var (status, body) = await PostAsync($"api/{version}/canister/{effective ?? canister}/call", Sign(content).Encode());
        if (status != HttpStatusCode.OK)
        {
            throw new HttpRequestException($"{(int)status}: {Encoding.UTF8.GetString(body)}", null, status);
        }

        var map = CborEncoding.DecodeUntagged(body).AsMap("response");
        map.Require("status").AsText("status").Should().Be("replied");
        var certificate = Certificate.Decode(map.Require("certificate").AsBytes("certificate"));
        Verifier.VerifyForCanister(certificate, effective ?? canister);
        return Outcome(certificate, content.RequestId.ToArray());
    }

    /// <summary>The outcome recorded under request_status in a certificate: the reply, or a <see cref="CallRejected"/>.</summary>
    public static byte[] Outcome(Certificate certificate, byte[] requestId)
    {
        LookupResult Look(string leaf) => certificate.Tree.LookupPath([Encoding.UTF8.GetBytes("request_status"), requestId, Encoding.UTF8.GetBytes(leaf)]);
        var status = Encoding.UTF8.GetString(Look("status").Value ?? throw new InvalidOperationException("no request status in the certificate"));
        if (status == "replied")
        {
            return Look("reply").Value!;
        }

        var code = Look("reject_code").Value!;
        throw new CallRejected(
            (int)IcOperator.Candid.Leb128.DecodeUnsigned(code, "reject_code"),
            Encoding.UTF8.GetString(Look("error_code").Value ?? []),
            Encoding.UTF8.GetString(Look("reject_message").Value!));
    }

    public async Task<byte[]> QueryAsync(Principal canister, string method, byte[] arg, Principal? effective = null)
    {
        var content = new QueryContent { Sender = Sender, IngressExpiry = Expiry(), CanisterId = canister, MethodName = method, Arg = arg };
        var (status, body) = await PostAsync($"api/v3/canister/{effective ?? canister}/query", Sign(content).Encode());
        if (status != HttpStatusCode.OK)
        {
            throw new HttpRequestException($"{(int)status}: {Encoding.UTF8.GetString(body)}", null, status);
        }

        var map = CborEncoding.DecodeUntagged(body).AsMap("response");
        if (map.Require("status").AsText("status") == "replied")
        {
            return map.Require("reply").AsMap("reply").Require("arg").AsBytes("arg");
        }

        throw new CallRejected((int)map.Require("reject_code").AsUnsigned("reject_code"), map.GetOptional("error_code")?.AsText("error_code") ?? string.Empty, map.Require("reject_message").AsText("reject_message"));
    }

    public async Task<Certificate> ReadStateAsync(Principal effective, params IReadOnlyList<byte[]>[] paths)
    {
        var content = new ReadStateContent { Sender = Sender, IngressExpiry = Expiry(), Paths = paths };
        var (status, body) = await PostAsync($"api/v3/canister/{effective}/read_state", Sign(content).Encode());
        if (status != HttpStatusCode.OK)
        {
            throw new HttpRequestException($"{(int)status}: {Encoding.UTF8.GetString(body)}", null, status);
        }

        var certificate = Certificate.Decode(CborEncoding.DecodeUntagged(body).AsMap("response").Require("certificate").AsBytes("certificate"));
        Verifier.VerifyForCanister(certificate, effective);
        return certificate;
    }

    /// <summary>Calls a management method with a Candid text argument and decodes the result with ic.did's types.</summary>
    public Task<CandidValue?> ManageAsync(string method, string argText, Principal? effective = null, bool query = false) =>
        ManageAsync(method, CandidText.ParseArguments(argText, Management.GetMethod(method).Arguments)[0], effective ?? EffectiveOf(argText), query);

    /// <summary>Calls a management method with a Candid value as its argument.</summary>
    public async Task<CandidValue?> ManageAsync(string method, CandidValue argument, Principal target, bool query = false)
    {
        var func = Management.GetMethod(method);
        var arg = CandidEncoder.Encode(func.Arguments, [argument]);
        var reply = query
            ? await QueryAsync(Principal.ManagementCanister, method, arg, target)
            : await UpdateAsync(Principal.ManagementCanister, method, arg, target);
        var values = CandidDecoder.Decode(reply, func.Results);
        return values.Count == 0 ? null : values[0];
    }

    public void Dispose() => http.Dispose();

    private static Principal EffectiveOf(string argText)
    {
        var start = argText.IndexOf("principal \"", StringComparison.Ordinal);
        return start < 0 ? Principal.FromCanisterIndex(0) : Principal.Parse(argText[(start + 11)..argText.IndexOf('"', start + 11)]);
    }
}
