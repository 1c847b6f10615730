using System.Net.Http.Headers;
using BenchmarkDotNet.Attributes;
using IcOperator.Agent.Cbor;
using IcOperator.Agent.Identities;
using IcOperator.Agent.Requests;
using IcOperator.Candid;
using IcOperator.Emulators.Ic;
using IcOperator.Emulators.Ic.Modules;

namespace IcOperator.Benchmarks;

/// <summary>What a test pays per emulator operation: module building and parsing, a signed query, a certified update.</summary>
[MemoryDiagnoser]
public class IcEmulatorBenchmarks
{
    private readonly Ed25519Identity identity = Ed25519Identity.FromSeed(new byte[32]);
    private readonly byte[] emptyArgs = CandidEncoder.Encode([]);
    private IcEmulator emulator = null!;
    private HttpClient http = null!;
    private Principal canister = null!;
    private byte[] bigModule = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        emulator = await IcEmulator.StartAsync();
        http = new HttpClient { BaseAddress = emulator.Url };
        bigModule = new TestModuleBuilder().WithSizeAtLeast(3 * 1024 * 1024).Build();
        var created = await Post(Principal.ManagementCanister, "provisional_create_canister_with_cycles", CandidEncoder.Encode(CandidText.ParseArguments("(record { amount = null; settings = null })")), Principal.FromCanisterIndex(0), "call");
        canister = CandidDecoder.Decode(created, CandidType.ParseArguments("(record { canister_id : principal })"))[0]["canister_id"].AsPrincipal();
        var module = new TestModuleBuilder().WithQuery("greet", "(\"hello\")").WithMethod("set", new MethodBehavior { Store = "v" }).Build();
        var install = CandidEncoder.Encode(
            CandidType.ParseArguments("(record { mode : variant { install }; canister_id : principal; wasm_module : blob; arg : blob })"),
            [CandidValue.Record(("mode", CandidValue.Variant("install")), ("canister_id", CandidValue.Principal(canister)), ("wasm_module", CandidValue.Blob(module)), ("arg", CandidValue.Blob(emptyArgs)))]);
        await Post(Principal.ManagementCanister, "install_code", install, canister, "call");
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        http.Dispose();
        await emulator.DisposeAsync();
        identity.Dispose();
    }

    [Benchmark]
    public byte[] BuildThreeMebibyteModule() => new TestModuleBuilder().WithQuery("greet", "(\"hello\")").WithSizeAtLeast(3 * 1024 * 1024).Build();

    [Benchmark]
    public int ParseThreeMebibyteModule() => WasmModule.Parse(bigModule).CustomSections.Count;

    [Benchmark]
    public Task<byte[]> SignedQuery() => Post(canister, "greet", emptyArgs, canister, "query");

    [Benchmark]
    public Task<byte[]> CertifiedUpdate() => Post(canister, "set", emptyArgs, canister, "call");

    private async Task<byte[]> Post(Principal target, string method, byte[] arg, Principal effective, string kind)
    {
        var expiry = (ulong)(DateTimeOffset.UtcNow.AddMinutes(3) - DateTimeOffset.UnixEpoch).Ticks * 100;
        RequestContent content = kind == "query"
            ? new QueryContent { Sender = identity.Sender, IngressExpiry = expiry, CanisterId = target, MethodName = method, Arg = arg }
            : new CallContent { Sender = identity.Sender, IngressExpiry = expiry, CanisterId = target, MethodName = method, Arg = arg, Nonce = Guid.NewGuid().ToByteArray() };
        var envelope = new SignedEnvelope { Content = content, SenderPublicKey = identity.PublicKeyDer, SenderSignature = identity.SignRequest(content.RequestId) };
        using var body = new ByteArrayContent(envelope.Encode());
        body.Headers.ContentType = new MediaTypeHeaderValue("application/cbor");
        var version = kind == "query" ? "v3" : "v4";
        using var response = await http.PostAsync($"api/{version}/canister/{effective}/{kind}", body);
        response.EnsureSuccessStatusCode();
        var map = CborEncoding.DecodeUntagged(await response.Content.ReadAsByteArrayAsync()).AsMap("response");
        if (kind == "query")
        {
            return map.Require("reply").AsMap("reply").Require("arg").AsBytes("arg");
        }

        var certificate = IcOperator.Agent.Certificates.Certificate.Decode(map.Require("certificate").AsBytes("certificate"));
        var path = new[] { "request_status"u8.ToArray(), content.RequestId.ToArray(), "reply"u8.ToArray() };
        return certificate.Tree.LookupPath(path).Value ?? throw new InvalidOperationException("the call did not reply");
    }
}
