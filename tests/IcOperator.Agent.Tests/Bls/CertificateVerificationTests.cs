using System.Text.Json;
using IcOperator.Agent.Bls;
using IcOperator.Agent.Cbor;
using IcOperator.Agent.Certificates;
using IcOperator.Agent.Tests.Support;
using IcOperator.Candid;
using IcOperator.Testing;

namespace IcOperator.Agent.Tests.Bls;

/// <summary>Real IC certificates through the agent's certificate verifier with the real BLS verifier and the built-in mainnet key.</summary>
public class CertificateVerificationTests
{
    private const string Ivg37 = "ivg37-qiaaa-aaaab-aaaga-cai";

    // (vector file, canister or subnet the certificate is checked for, expected rejection or null for valid)
    public static TheoryData<string, string, string, CertificateRejection?> Cases() => new()
    {
        { "ivg37_time", "canister", Ivg37, null },
        { "ivg37_time", "canister", "ryjl3-tyaaa-aaaaa-aaaba-cai", CertificateRejection.NotAuthorized },
        { "ivg37_time_pruned_ranges", "canister", Ivg37, CertificateRejection.CanisterRangesUnknown },
        { "ivg37_delegated_v2", "canister", Ivg37, null },
        { "ivg37_delegated_v2", "canister", "jrlun-jiaaa-aaaab-aaaaa-cai", null },
        { "ivg37_delegated_v2", "canister", "v2nog-2aaaa-aaaab-p777q-cai", null },
        { "ivg37_delegated_v2", "canister", "ryjl3-tyaaa-aaaaa-aaaba-cai", CertificateRejection.NotAuthorized },
        { "ivg37_delegated_v2", "canister", "f4zqk-siaaa-aaaab-qaaba-cai", CertificateRejection.NotAuthorized },
        { "ivg37_delegated_v2_pruned_subnet", "canister", Ivg37, CertificateRejection.CanisterRangesUnknown },
        { "224od_subnet", "canister", "224od-giaaa-aaaao-ae5vq-cai", null },
        { "224od_subnet", "canister", "rdmx6-jaaaa-aaaaa-aaadq-cai", CertificateRejection.NotAuthorized },
        { "uzr34_node_keys", "subnet", "uzr34-akd3s-xrdag-3ql62-ocgoh-ld2ao-tamcv-54e7j-krwgb-2gm4z-oqe", null },
        { "o3ow2_subnet_key", "subnet", "o3ow2-2ipam-6fcjo-3j5vt-fzbge-2g7my-5fz2m-p4o2t-dwlc4-gt2q7-5ae", null },
        { "agentjs_golden_mainnetSystem", "canister", "ryjl3-tyaaa-aaaaa-aaaba-cai", null },
        { "agentjs_golden_mainnetApplication", "canister", "erxue-5aaaa-aaaab-qaagq-cai", null },
        { "agentjs_golden_localSystem", "canister", "ryjl3-tyaaa-aaaaa-aaaba-cai", null },
        { "agentjs_golden_localApplication", "canister", "ryjl3-tyaaa-aaaaa-aaaba-cai", null },
        { "agentjs_with_subnet_key", "canister", "rdmx6-jaaaa-aaaaa-aaadq-cai", null },

        // A local replica's certificate: its signature is not the mainnet root key's.
        { "agentjs_canister_status_local", "canister", "rrkah-fqaaa-aaaaa-aaaaq-cai", CertificateRejection.InvalidSignature },
        { "derived_nested_delegation", "canister", "rdmx6-jaaaa-aaaaa-aaadq-cai", CertificateRejection.TooManyDelegations },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Real_certificates_give_the_expected_outcome(string file, string kind, string id, CertificateRejection? expected)
    {
        var vector = Vectors.Load("certificates", file + ".json");
        vector.Hex("root_key_der_hex").Should().Equal(IcRootKeys.MainnetDer, "every vector is a mainnet certificate or checked against the mainnet key");
        var act = () => Verify(vector.Hex("certificate_cbor_hex"), kind, id);
        if (expected is null)
        {
            act.Should().NotThrow();
        }
        else
        {
            act.Should().Throw<CertificateVerificationException>().Which.Reason.Should().Be(expected);
        }
    }

    [Fact]
    public void Every_certificate_vector_is_covered()
    {
        var covered = Cases().Select(c => (string)c[0]).ToHashSet();
        var files = Directory.GetFiles(TestPaths.Vectors("certificates"), "*.json")
            .Where(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement.TryGetProperty("certificate_cbor_hex", out _))
            .Select(Path.GetFileNameWithoutExtension);
        files.Should().BeSubsetOf(covered);
    }

    [Fact]
    public void Derived_invalid_signatures_are_rejected()
    {
        var vectors = Vectors.Load("certificates", "derived_invalid_signatures.json").GetProperty("vectors").EnumerateArray().ToList();
        vectors.Should().HaveCount(4);
        foreach (var vector in vectors)
        {
            var act = () => Verify(vector.Hex("certificate_cbor_hex"), "canister", vector.Text("canister_id"));
            act.Should().Throw<CertificateVerificationException>(vector.Text("name")).Which.Reason.Should().Be(CertificateRejection.InvalidSignature);
        }
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(-10 * 60, CertificateRejection.InFuture)]
    [InlineData(10 * 60, CertificateRejection.TooOld)]
    public void Certificates_are_fresh_only_near_their_certified_time(int clockOffsetSeconds, CertificateRejection? expected)
    {
        var bytes = Vectors.Load("certificates", "ivg37_delegated_v2.json").Hex("certificate_cbor_hex");
        var certified = DateTimeOffset.UnixEpoch.AddTicks((long)(Certificate.Decode(bytes).Time / 100));
        var verifier = new CertificateVerifier(new CertificateVerifierOptions
        {
            RootKey = IcRootKeys.MainnetDer,
            SignatureVerifier = Bls12381SignatureVerifier.Shared,
            Clock = new FixedClock(certified.AddSeconds(clockOffsetSeconds)),
        });
        var act = () => verifier.VerifyForCanister(Certificate.Decode(bytes), Principal.Parse(Ivg37));
        if (expected is null)
        {
            act.Should().NotThrow();
        }
        else
        {
            act.Should().Throw<CertificateVerificationException>().Which.Reason.Should().Be(expected);
        }
    }

    [Fact]
    public void Flipping_any_bit_of_the_signature_fails_verification()
    {
        var (bytes, spans) = DelegatedCertificate();
        var (start, length) = spans.Signature;
        length.Should().Be(48);
        for (var bit = 0; bit < length * 8; bit++)
        {
            ShouldBeRejected(Flip(bytes, start, bit), $"signature bit {bit}");
        }
    }

    [Fact]
    public void Flipping_bits_of_the_tree_fails_verification()
    {
        var (bytes, spans) = DelegatedCertificate();
        var (start, length) = spans.Tree;

        // Bytes spread over the whole tree, a different bit of each: labels, leaves, digests and CBOR
        // structure all get hit (each flip costs a pairing, so not every byte).
        foreach (var i in Spread(length, 64))
        {
            ShouldBeRejected(Flip(bytes, start, (i * 8) + (i % 8)), $"tree byte {i}");
        }
    }

    [Fact]
    public void Flipping_bits_of_the_delegation_fails_verification()
    {
        var (bytes, spans) = DelegatedCertificate();
        var (start, length) = spans.Delegation;

        // Spread over the delegation's subnet id, its certificate's tree and its signature under the root key.
        foreach (var i in Spread(length, 40))
        {
            ShouldBeRejected(Flip(bytes, start, (i * 8) + (i % 8)), $"delegation byte {i}");
        }
    }

    private static void ShouldBeRejected(byte[] certificate, string what)
    {
        var act = () => Verify(certificate, "canister", Ivg37);
        act.Should().Throw<Exception>(what).Which.Should().Match(e => e is CertificateVerificationException || e is FormatException, what + " must fail as a rejected or malformed certificate");
    }

    private static void Verify(byte[] certificateCbor, string kind, string id)
    {
        var verifier = new CertificateVerifier(new CertificateVerifierOptions
        {
            RootKey = IcRootKeys.MainnetDer,
            SignatureVerifier = Bls12381SignatureVerifier.Shared,
            CheckTime = false,
        });
        var certificate = Certificate.Decode(certificateCbor);
        if (kind == "subnet")
        {
            verifier.VerifyForSubnet(certificate, Principal.Parse(id));
        }
        else
        {
            verifier.VerifyForCanister(certificate, Principal.Parse(id));
        }
    }

    /// <summary>Up to <paramref name="count"/> offsets evenly over a span, always including its first and last byte.</summary>
    private static IEnumerable<int> Spread(int length, int count) =>
        Enumerable.Range(0, count).Select(k => k * (length - 1) / (count - 1)).Distinct();

    private static byte[] Flip(byte[] bytes, int start, int bit)
    {
        var copy = (byte[])bytes.Clone();
        copy[start + (bit / 8)] ^= (byte)(1 << (bit % 8));
        return copy;
    }

    /// <summary>ivg37_delegated_v2 and where its tree, signature and delegation sit in the CBOR bytes.</summary>
    private static (byte[] Bytes, (Span Tree, Span Signature, Span Delegation) Spans) DelegatedCertificate()
    {
        var bytes = Vectors.Load("certificates", "ivg37_delegated_v2.json").Hex("certificate_cbor_hex");
        var certificate = Certificate.Decode(bytes);
        return (bytes, (
            Find(bytes, CborEncoding.Encode(certificate.Tree.ToCbor())),
            Find(bytes, certificate.Signature),
            Find(bytes, CborEncoding.Encode(certificate.Delegation!.ToCbor()))));
    }

    private static Span Find(byte[] haystack, byte[] needle)
    {
        var at = haystack.AsSpan().IndexOf(needle);
        at.Should().BeGreaterThanOrEqualTo(0, "the re-encoded part must appear verbatim in the certificate");
        return new Span(at, needle.Length);
    }

    private readonly record struct Span(int Start, int Length);
}
