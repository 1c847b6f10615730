using IcOperator.Agent.Bls;
using IcOperator.Agent.Certificates;
using IcOperator.Agent.HashTrees;
using IcOperator.Candid;

namespace IcOperator.Agent.Tests.Bls;

/// <summary>
/// Responses of one certification round share a root hash and a signature: the verifier checks that pair
/// once, and remembering it lets nothing else through (another root, another signature).
/// </summary>
public sealed class VerifiedRootCacheTests
{
    private static readonly BlsSecretKey RootKey = BlsSecretKey.FromBytes(Convert.FromHexString("0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20"));

    private static HashTree Tree(ulong time, string reply) => new HashTreeBuilder()
        .Add(["time"], Leb128.EncodeUnsigned(time))
        .Add(["request_status", "id", "reply"], System.Text.Encoding.UTF8.GetBytes(reply))
        .Build();

    private static Certificate Signed(HashTree tree) =>
        new() { Tree = tree, Signature = RootKey.Sign(new Certificate { Tree = tree, Signature = [] }.SignedMessage()) };

    private static CertificateVerifier Verifier(Bls12381SignatureVerifier bls) => new(new CertificateVerifierOptions
    {
        RootKey = RootKey.PublicKeyDer,
        SignatureVerifier = bls,
        CheckTime = false,
    });

    [Fact]
    public void A_round_s_root_and_signature_are_verified_once_for_every_response_of_the_round()
    {
        var bls = new Bls12381SignatureVerifier();
        var verifier = Verifier(bls);
        var round = Signed(Tree(1, "reply"));
        // Two responses of the same round: different witnesses (pruned differently), one root, one signature.
        var first = round with { Tree = round.Tree.Witness([[System.Text.Encoding.UTF8.GetBytes("time")]]) };
        var second = round with { Tree = round.Tree.Witness([["request_status"u8.ToArray(), "id"u8.ToArray(), "reply"u8.ToArray()]]) };

        verifier.VerifyForCanister(first, Principal.FromCanisterIndex(1));
        verifier.VerifyForCanister(second, Principal.FromCanisterIndex(1));

        bls.PairingChecks.Should().Be(1);
    }

    [Fact]
    public async Task Responses_of_one_round_arriving_together_run_one_pairing_check()
    {
        var bls = new Bls12381SignatureVerifier();
        var verifier = Verifier(bls);
        var round = Signed(Tree(1, "reply"));
        using var start = new Barrier(8);

        // A round releases all its waiting responses at once: eight verifications of one pair start together.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            start.SignalAndWait();
            verifier.VerifyForCanister(round, Principal.FromCanisterIndex(1));
        })));

        bls.PairingChecks.Should().Be(1, "one response checks the pair while the others wait for it and find it remembered");
    }

    [Fact]
    public void A_remembered_pair_lets_neither_another_root_nor_another_signature_through()
    {
        var bls = new Bls12381SignatureVerifier();
        var verifier = Verifier(bls);
        var good = Signed(Tree(1, "reply"));
        var other = Signed(Tree(2, "other reply"));
        verifier.VerifyForCanister(good, Principal.FromCanisterIndex(1));

        var forgedRoot = good with { Tree = Tree(1, "forged reply") };
        var swappedSignature = good with { Signature = other.Signature };

        foreach (var bad in new[] { forgedRoot, swappedSignature })
        {
            var verify = () => verifier.VerifyForCanister(bad, Principal.FromCanisterIndex(1));
            verify.Should().Throw<CertificateVerificationException>().Which.Reason.Should().Be(CertificateRejection.InvalidSignature);
        }

        verifier.VerifyForCanister(good, Principal.FromCanisterIndex(1));
        bls.PairingChecks.Should().Be(3, "the good pair was checked once and the forged root and the swapped signature once each; the good pair again not at all");
    }
}
