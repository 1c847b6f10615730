using BenchmarkDotNet.Attributes;
using IcOperator.Agent.Cbor;
using IcOperator.Agent.Certificates;
using IcOperator.Agent.Identities;
using IcOperator.Agent.RequestIds;
using IcOperator.Agent.Requests;
using IcOperator.Candid;

namespace IcOperator.Benchmarks;

/// <summary>Request signing and request-id hashing per second: the agent's per-call CPU cost.</summary>
[MemoryDiagnoser]
public class AgentBenchmarks
{
    private readonly CallContent call = new()
    {
        Sender = Principal.SelfAuthenticating(Convert.FromHexString("302a300506032b6570032100" + new string('a', 64))),
        IngressExpiry = 1_700_000_000_000_000_000,
        Nonce = new byte[16],
        CanisterId = Principal.Parse("ryjl3-tyaaa-aaaaa-aaaba-cai"),
        MethodName = "install_code",
        Arg = new byte[1024],
    };

    private Ed25519Identity ed25519 = null!;
    private EcdsaIdentity secp256k1 = null!;
    private EcdsaIdentity p256 = null!;
    private RequestId requestId;
    private byte[] envelope = [];
    private byte[] certificate = [];

    [GlobalSetup]
    public void Setup()
    {
        ed25519 = Ed25519Identity.FromSeed(new byte[32]);
        secp256k1 = EcdsaIdentity.Generate(SignatureScheme.EcdsaSecp256k1);
        p256 = EcdsaIdentity.Generate(SignatureScheme.EcdsaP256);
        requestId = call.RequestId;
        envelope = new SignedEnvelope { Content = call, SenderPublicKey = ed25519.PublicKeyDer, SenderSignature = ed25519.SignRequest(requestId) }.Encode();
        var tree = new IcOperator.Agent.HashTrees.HashTreeBuilder().Add(["time"], IcOperator.Candid.Leb128.EncodeUnsigned(1UL)).Add(["request_status", "x", "reply"], new byte[512]).Build();
        certificate = new Certificate { Tree = tree, Signature = new byte[48] }.Encode();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        ed25519.Dispose();
        secp256k1.Dispose();
        p256.Dispose();
    }

    [Benchmark(Baseline = true)]
    public RequestId RequestIdOfCall() => call.RequestId;

    [Benchmark]
    public byte[]? SignEd25519() => ed25519.SignRequest(requestId);

    [Benchmark]
    public byte[]? SignSecp256k1() => secp256k1.SignRequest(requestId);

    [Benchmark]
    public byte[]? SignP256() => p256.SignRequest(requestId);

    /// <summary>Everything an agent does per call before the network: hash, sign, encode the envelope.</summary>
    [Benchmark]
    public byte[] BuildSignedEnvelope()
    {
        var id = call.RequestId;
        return new SignedEnvelope { Content = call, SenderPublicKey = ed25519.PublicKeyDer, SenderSignature = ed25519.SignRequest(id) }.Encode();
    }

    /// <summary>What the emulator does per request: decode, hash, verify the sender's signature.</summary>
    [Benchmark]
    public bool DecodeAndVerifyEnvelope()
    {
        var decoded = SignedEnvelope.Decode(envelope);
        return SignatureVerification.VerifyRequest(decoded.SenderPublicKey!, decoded.Content.RequestId, decoded.SenderSignature!);
    }

    [Benchmark]
    public byte[] DecodeCertificateAndReconstruct() => Certificate.Decode(certificate).Tree.DigestBytes();

    [Benchmark]
    public CborValue DecodeEnvelopeCbor() => CborEncoding.Decode(envelope);
}
