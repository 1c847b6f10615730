using System.Text;
using IcOperator.Agent.Bls;
using IcOperator.Agent.Cbor;
using IcOperator.Agent.Certificates;
using IcOperator.Agent.HashTrees;
using IcOperator.Agent.Icrc3;
using IcOperator.Candid;

namespace IcOperator.Agent.Tests.Icrc3;

public sealed class Icrc3TipCertificateTests
{
    private static readonly BlsSecretKey RootKey = BlsSecretKey.FromBytes(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    private static readonly Principal Log = Principal.Parse("ryjl3-tyaaa-aaaaa-aaaba-cai");
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-12-06T09:00:00Z");

    [Fact]
    public void Verified_tip_gives_the_certified_index_and_hash()
    {
        var hash = Enumerable.Repeat((byte)7, 32).ToArray();

        var tip = Icrc3TipCertificate.Verify(Certify(Icrc3TipCertificate.Tree(41, hash)), Log, Verifier());

        Assert.Equal(41, tip.LastBlockIndex);
        Assert.Equal(hash, tip.LastBlockHash);
    }

    [Fact]
    public void Tip_tree_that_is_not_the_certified_data_is_refused()
    {
        var certified = Icrc3TipCertificate.Tree(1, new byte[32]);
        var served = Icrc3TipCertificate.Tree(2, new byte[32]);
        var certificate = Certify(certified);

        var e = Assert.Throws<CertificateVerificationException>(() =>
            Icrc3TipCertificate.Verify(certificate with { HashTree = CborEncoding.Encode(served.ToCbor()) }, Log, Verifier()));
        Assert.Contains("is not the certified data", e.Message);
    }

    [Fact]
    public void Forged_signature_is_refused_by_the_BLS_check()
    {
        var forger = BlsSecretKey.FromBytes(Enumerable.Range(2, 32).Select(i => (byte)i).ToArray());

        var e = Assert.Throws<CertificateVerificationException>(() =>
            Icrc3TipCertificate.Verify(Certify(Icrc3TipCertificate.Tree(1, new byte[32]), forger), Log, Verifier()));
        Assert.Equal(CertificateRejection.InvalidSignature, e.Reason);
    }

    internal static CertificateVerifier Verifier() => new(new CertificateVerifierOptions
    {
        RootKey = RootKey.PublicKeyDer,
        SignatureVerifier = new Bls12381SignatureVerifier(),
        Clock = new Support.FixedClock(Now),
    });

    internal static DataCertificate Certify(HashTree tipTree, BlsSecretKey? signer = null)
    {
        var state = new HashTreeBuilder()
            .Add([Encoding.ASCII.GetBytes("canister"), Log.ToByteArray(), Encoding.ASCII.GetBytes("certified_data")], tipTree.Digest)
            .Add([Encoding.ASCII.GetBytes("time")], Leb128.EncodeUnsigned((ulong)(Now.ToUnixTimeMilliseconds() * 1_000_000)))
            .Build();
        var unsigned = new Certificate { Tree = state, Signature = [] };
        var certificate = unsigned with { Signature = (signer ?? RootKey).Sign(unsigned.SignedMessage()) };
        return new DataCertificate(certificate.Encode(), CborEncoding.Encode(tipTree.ToCbor()));
    }
}
