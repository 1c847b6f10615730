using System.Text;
using System.Text.Json;
using IcOperator.Agent.Bls;
using IcOperator.Agent.Bls.Curves;
using IcOperator.Agent.Bls.Fields;
using IcOperator.Agent.Cbor;
using IcOperator.Agent.Certificates;
using IcOperator.Agent.Tests.Support;
using IcOperator.Candid;
using IcOperator.Testing;

namespace IcOperator.Agent.Tests.Bls;

/// <summary>
/// <see cref="Bls12381SignatureVerifier.VerifyAll(ReadOnlySpan{BlsSignatureCheck})"/>: the batch verdict is the
/// conjunction of the single verdicts, and the random weights stop wrong signatures from cancelling out.
/// </summary>
public class BatchVerificationTests
{
    private static readonly byte[] IcDst = Encoding.ASCII.GetBytes(IcOperator.Agent.Bls.HashToCurve.HashToG1.SignatureDst);

    // Nothing remembered: every check in a batch goes through the pairing product.
    private readonly Bls12381SignatureVerifier verifier = new(verifiedSignatureCapacity: 0);

    [Fact]
    public void The_batch_verdict_of_any_two_real_signatures_is_the_conjunction_of_their_verdicts()
    {
        var checks = CertificateChecks().Concat(VectorChecks(IcDst)).ToList();
        var wrong = checks.Select(c => c with { Message = (byte[])[.. c.Message.Span, 0] }).ToList();
        var all = checks.Concat(wrong.Take(6)).ToList();
        var single = all.Select(c => verifier.Verify(c.PublicKey96.Span, c.Signature48.Span, c.Message.Span)).ToList();
        single.Should().Contain(true).And.Contain(false);

        for (var i = 0; i < all.Count; i++)
        {
            for (var j = i + 1; j < all.Count; j++)
            {
                verifier.VerifyAll([all[i], all[j]]).Should().Be(single[i] && single[j], $"checks {i} and {j}");
            }
        }

        verifier.VerifyAll([.. checks]).Should().Be(single.Take(checks.Count).All(v => v));
    }

    [Fact]
    public void Batches_under_other_DSTs_agree_with_single_checks()
    {
        foreach (var group in VerifyVectors().GroupBy(v => v.Dst))
        {
            var vectors = group.ToList();
            var dst = Encoding.ASCII.GetBytes(group.Key);
            for (var i = 0; i < vectors.Count; i++)
            {
                for (var j = i; j < vectors.Count; j++)
                {
                    var expected = vectors[i].Valid && vectors[j].Valid;
                    verifier.VerifyAll([vectors[i].Check, vectors[j].Check], dst, Bls12381SignatureVerifier.WeightFromRandomNumberGenerator)
                        .Should().Be(expected, $"{vectors[i].Name} with {vectors[j].Name}");
                }
            }
        }
    }

    [Fact]
    public void Every_delegated_certificate_vector_batches_to_its_single_verdicts()
    {
        var delegated = 0;
        foreach (var file in Directory.GetFiles(TestPaths.Vectors("certificates"), "*.json"))
        {
            var root = JsonDocument.Parse(File.ReadAllText(file)).RootElement;
            if (!root.TryGetProperty("certificate_cbor_hex", out _))
            {
                continue;
            }

            var pair = DelegatedPair(Certificate.Decode(root.Hex("certificate_cbor_hex")));
            if (pair is not { } p)
            {
                continue;
            }

            delegated++;
            var expected = verifier.Verify(p.Delegation.PublicKey96.Span, p.Delegation.Signature48.Span, p.Delegation.Message.Span)
                && verifier.Verify(p.Certificate.PublicKey96.Span, p.Certificate.Signature48.Span, p.Certificate.Message.Span);
            verifier.VerifyAll([p.Delegation, p.Certificate]).Should().Be(expected, Path.GetFileName(file));
        }

        delegated.Should().BeGreaterThanOrEqualTo(3);
    }

    [Fact]
    public void A_wrong_signature_on_either_side_fails_the_batch()
    {
        var (first, second) = TwoSignedMessages(sameKey: false);
        verifier.VerifyAll([first, second]).Should().BeTrue();
        verifier.VerifyAll([]).Should().BeTrue();

        foreach (var (check, other, side) in new[] { (first, second, 0), (second, first, 1) })
        {
            var signature = check.Signature48.ToArray();
            for (var bit = 0; bit < signature.Length * 8; bit += 3)
            {
                var flipped = (byte[])signature.Clone();
                flipped[bit / 8] ^= (byte)(1 << (bit % 8));
                BlsSignatureCheck[] batch = side == 0 ? [check with { Signature48 = flipped }, other] : [other, check with { Signature48 = flipped }];
                verifier.VerifyAll(batch).Should().BeFalse($"bit {bit} of signature {side} was flipped");
            }
        }

        verifier.VerifyAll([first with { Message = second.Message }, second with { Message = first.Message }]).Should().BeFalse("messages swapped");
        verifier.VerifyAll([first with { PublicKey96 = second.PublicKey96 }, second with { PublicKey96 = first.PublicKey96 }]).Should().BeFalse("keys swapped");
        verifier.VerifyAll([first with { Signature48 = second.Signature48 }, second with { Signature48 = first.Signature48 }]).Should().BeFalse("signatures exchanged");
        verifier.VerifyAll([first, second with { Message = first.Message }]).Should().BeFalse("second message wrong");
        verifier.VerifyAll([first with { PublicKey96 = second.PublicKey96 }, second]).Should().BeFalse("first key wrong");
    }

    [Fact]
    public void Exchanged_signatures_under_one_key_fail_though_their_sum_is_right()
    {
        // σ1 + σ2 is the same either way round, so an unweighted sum would accept the exchanged pair.
        var (first, second) = TwoSignedMessages(sameKey: true);
        var exchanged = new[] { first with { Signature48 = second.Signature48 }, second with { Signature48 = first.Signature48 } };
        verifier.VerifyAll([first, second]).Should().BeTrue();
        for (var run = 0; run < 5; run++)
        {
            verifier.VerifyAll(exchanged).Should().BeFalse();
        }

        // The weights are what catches it: weight 1 (an unweighted sum) is refused outright.
        var act = () => verifier.VerifyAll(exchanged, IcDst, () => 1);
        act.Should().Throw<InvalidOperationException>();
        verifier.VerifyAll(exchanged, IcDst, () => 2).Should().BeFalse();
    }

    [Fact]
    public void Infinity_non_subgroup_points_and_bad_lengths_fail_a_batch()
    {
        var (first, second) = TwoSignedMessages(sameKey: false);
        byte[] infinityG1 = [0xc0, .. new byte[47]];
        byte[] infinityG2 = [0xc0, .. new byte[95]];

        // (0, 2) has order 3; added to a valid signature it leaves G1 while the pairing with a key of order r ignores it.
        var torsion = JacobianPoint<Fp>.FromAffine(Fp.Zero, Fp.FromUInt64(2));
        G1.TryDecompress(first.Signature48.Span, out var sigma).Should().BeTrue();
        var shifted = G1.Compress(JacobianPoint<Fp>.Add(sigma, torsion));
        G1.TryDecompress(shifted, out _).Should().BeFalse();
        var outsideG2 = G2.Compress(OutsideG2());

        BlsSignatureCheck[] bad =
        [
            first with { Signature48 = infinityG1 },
            first with { PublicKey96 = infinityG2 },
            first with { PublicKey96 = infinityG2, Signature48 = infinityG1 },
            first with { Signature48 = G1.Compress(torsion) },
            first with { Signature48 = shifted },
            first with { PublicKey96 = outsideG2 },
            first with { Signature48 = first.Signature48[..47] },
            first with { PublicKey96 = first.PublicKey96[1..] },
        ];
        foreach (var (check, i) in bad.Select((c, i) => (c, i)))
        {
            verifier.Verify(check.PublicKey96.Span, check.Signature48.Span, check.Message.Span).Should().BeFalse($"bad check {i} alone");
            verifier.VerifyAll([check, second]).Should().BeFalse($"bad check {i} first");
            verifier.VerifyAll([second, check]).Should().BeFalse($"bad check {i} second");
            verifier.VerifyAll([check]).Should().BeFalse($"bad check {i} as a batch of one");
        }

        // Infinity in both signatures would cancel to e(O, −g2) = 1 on that side; it must still be refused.
        verifier.VerifyAll([first with { Signature48 = infinityG1 }, second with { Signature48 = infinityG1 }]).Should().BeFalse();
    }

    [Fact]
    public void A_remembered_delegation_is_left_out_and_the_other_signature_checked_alone()
    {
        var remembering = new Bls12381SignatureVerifier();
        var (delegation, certificate) = DelegatedPair(Certificate.Decode(Vectors.Load("certificates", "ivg37_delegated_v2.json").Hex("certificate_cbor_hex")))!.Value;
        var weights = 0;
        ulong Counting()
        {
            weights++;
            return Bls12381SignatureVerifier.WeightFromRandomNumberGenerator();
        }

        remembering.VerifyAll([delegation, certificate], IcDst, Counting).Should().BeTrue();
        weights.Should().Be(1, "two fresh signatures go through one weighted product");

        var wrong = certificate with { Message = delegation.Message };
        remembering.Verify(delegation.PublicKey96.Span, delegation.Signature48.Span, delegation.Message.Span).Should().BeTrue();
        remembering.VerifyAll([delegation, wrong], IcDst, Counting).Should().BeFalse();
        remembering.VerifyAll([delegation, certificate], IcDst, Counting).Should().BeTrue();
        weights.Should().Be(1, "with both remembered, or the delegation remembered, nothing is weighted");
    }

    [Fact]
    public void Weights_are_random_and_never_0_or_1()
    {
        var weights = Enumerable.Range(0, 64).Select(_ => Bls12381SignatureVerifier.WeightFromRandomNumberGenerator()).ToList();
        weights.Should().OnlyContain(w => w >= 2);
        weights.Distinct().Should().HaveCount(64);
    }

    [Theory]
    [MemberData(nameof(CertificateVerificationTests.Cases), MemberType = typeof(CertificateVerificationTests))]
    public void Certificates_get_the_same_verdict_and_message_batched_or_one_by_one(string file, string kind, string id, CertificateRejection? expected)
    {
        var bytes = Vectors.Load("certificates", file + ".json").Hex("certificate_cbor_hex");
        var batched = Outcome(bytes, kind, id, new Bls12381SignatureVerifier(verifiedSignatureCapacity: 0));
        var single = Outcome(bytes, kind, id, new SingleOnly(new Bls12381SignatureVerifier(verifiedSignatureCapacity: 0)));
        batched.Should().Be(single);
        batched.Reason.Should().Be(expected);
    }

    [Fact]
    public void A_wrong_delegation_or_certificate_signature_is_named_as_such_after_a_failed_batch()
    {
        var bytes = Vectors.Load("certificates", "ivg37_delegated_v2.json").Hex("certificate_cbor_hex");
        var certificate = Certificate.Decode(bytes);
        var inner = certificate.Delegation!.ParseCertificate();

        var wrongOuter = Reencode(certificate, certificate.Signature.Select((b, i) => i == 20 ? (byte)(b ^ 4) : b).ToArray(), certificate.Delegation);
        var wrongInnerSignature = inner.Signature.Select((b, i) => i == 20 ? (byte)(b ^ 4) : b).ToArray();
        var wrongDelegation = new CertificateDelegation
        {
            SubnetId = certificate.Delegation.SubnetId,
            CertificateBytes = CborEncoding.Encode(new Certificate { Tree = inner.Tree, Signature = wrongInnerSignature }.ToCbor()),
        };
        var wrongInner = Reencode(certificate, certificate.Signature, wrongDelegation);

        foreach (var (cbor, what) in new[] { (wrongOuter, "certificate: "), (wrongInner, "delegation certificate for subnet") })
        {
            var batched = Outcome(cbor, "canister", "ivg37-qiaaa-aaaab-aaaga-cai", new Bls12381SignatureVerifier(verifiedSignatureCapacity: 0));
            batched.Reason.Should().Be(CertificateRejection.InvalidSignature);
            batched.Message.Should().StartWith(what);
            batched.Should().Be(Outcome(cbor, "canister", "ivg37-qiaaa-aaaab-aaaga-cai", new SingleOnly(new Bls12381SignatureVerifier(verifiedSignatureCapacity: 0))));
        }
    }

    private static byte[] Reencode(Certificate certificate, byte[] signature, CertificateDelegation delegation) =>
        CborEncoding.Encode(new Certificate { Tree = certificate.Tree, Signature = signature, Delegation = delegation }.ToCbor());

    private static (CertificateRejection? Reason, string? Message) Outcome(byte[] cbor, string kind, string id, IBlsSignatureVerifier bls)
    {
        var verifier = new CertificateVerifier(new CertificateVerifierOptions { RootKey = IcRootKeys.MainnetDer, SignatureVerifier = bls, CheckTime = false });
        try
        {
            var certificate = Certificate.Decode(cbor);
            if (kind == "subnet")
            {
                verifier.VerifyForSubnet(certificate, Principal.Parse(id));
            }
            else
            {
                verifier.VerifyForCanister(certificate, Principal.Parse(id));
            }

            return (null, null);
        }
        catch (CertificateVerificationException e)
        {
            return (e.Reason, e.Message);
        }
    }

    private static (BlsSignatureCheck First, BlsSignatureCheck Second) TwoSignedMessages(bool sameKey)
    {
        var firstKey = BlsSecretKey.Generate();
        var secondKey = sameKey ? firstKey : BlsSecretKey.Generate();
        var firstMessage = "\ric-state-root first"u8.ToArray();
        var secondMessage = "\ric-state-root second"u8.ToArray();
        return (new(firstKey.PublicKey, firstKey.Sign(firstMessage), firstMessage), new(secondKey.PublicKey, secondKey.Sign(secondMessage), secondMessage));
    }

    /// <summary>The delegation certificate's check under the mainnet root key and the certificate's under the subnet key.</summary>
    private static (BlsSignatureCheck Delegation, BlsSignatureCheck Certificate)? DelegatedPair(Certificate certificate)
    {
        if (certificate.Delegation is not { } delegation)
        {
            return null;
        }

        var inner = delegation.ParseCertificate();
        var key = inner.Tree.LookupPath([Encoding.ASCII.GetBytes("subnet"), delegation.SubnetId.ToByteArray(), Encoding.ASCII.GetBytes("public_key")]);
        var rootKey = BlsPublicKey.FromDer(IcRootKeys.MainnetDer);
        return (new(rootKey, inner.Signature, inner.SignedMessage()), new(BlsPublicKey.FromDer(key.Value), certificate.Signature, certificate.SignedMessage()));
    }

    /// <summary>Every certificate vector's signatures: the delegation's and the certificate's, or the certificate's under the root key.</summary>
    private static IEnumerable<BlsSignatureCheck> CertificateChecks()
    {
        var rootKey = BlsPublicKey.FromDer(IcRootKeys.MainnetDer);
        foreach (var file in Directory.GetFiles(TestPaths.Vectors("certificates"), "*.json").Order(StringComparer.Ordinal))
        {
            var root = JsonDocument.Parse(File.ReadAllText(file)).RootElement;
            if (!root.TryGetProperty("certificate_cbor_hex", out _))
            {
                continue;
            }

            var certificate = Certificate.Decode(root.Hex("certificate_cbor_hex"));
            if (DelegatedPair(certificate) is { } pair)
            {
                yield return pair.Delegation;
                yield return pair.Certificate;
            }
            else
            {
                yield return new(rootKey, certificate.Signature, certificate.SignedMessage());
            }
        }
    }

    private static IEnumerable<BlsSignatureCheck> VectorChecks(byte[] dst) =>
        BlsVectors.Load("bls_min_sig_vectors.json").GetProperty("from_certificates").GetProperty("vectors").EnumerateArray()
            .Select(v => new BlsSignatureCheck(v.Hex("public_key_hex"), v.Hex("signature_hex"), v.Hex("message_hex")))
            .Concat(VerifyVectors().Where(v => v.Dst == Encoding.ASCII.GetString(dst)).Select(v => v.Check));

    private static IEnumerable<(string Name, string Dst, bool Valid, BlsSignatureCheck Check)> VerifyVectors() =>
        BlsVectors.Load("bls_min_sig_vectors.json").GetProperty("verify_vectors").EnumerateArray().Select(v => (
            v.Text("name"),
            v.Text("dst"),
            v.Text("expected") == "valid",
            new BlsSignatureCheck(v.Hex("public_key_hex"), v.Hex("signature_hex"), v.Hex("message_hex"))));

    private static JacobianPoint<Fp2> OutsideG2()
    {
        var x = new Fp2(Fp.FromUInt64(5), Fp.One);
        while (!Fp2.TrySqrt(Fp2.Add(Fp2.Multiply(Fp2.Square(x), x), G2.B), out _))
        {
            x = Fp2.Add(x, Fp2.One);
        }

        Fp2.TrySqrt(Fp2.Add(Fp2.Multiply(Fp2.Square(x), x), G2.B), out var y);
        var outside = JacobianPoint<Fp2>.FromAffine(x, y);
        G2.IsInSubgroup(outside).Should().BeFalse();
        return outside;
    }

    /// <summary>The same verifier without its batch interface: what <see cref="CertificateVerifier"/> did before batching.</summary>
    private sealed class SingleOnly(IBlsSignatureVerifier inner) : IBlsSignatureVerifier
    {
        public bool Verify(ReadOnlySpan<byte> publicKey96, ReadOnlySpan<byte> signature48, ReadOnlySpan<byte> message) => inner.Verify(publicKey96, signature48, message);
    }
}
