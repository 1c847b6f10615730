using System.Text.Json;
using IcOperator.Agent.Cbor;
using IcOperator.Agent.Certificates;
using IcOperator.Agent.HashTrees;
using IcOperator.Agent.Tests.Support;
using IcOperator.Candid;

namespace IcOperator.Agent.Tests.Certificates;

public class CertificateTests
{
    public static TheoryData<string> RealCertificates() =>
    [
        "ivg37_time", "ivg37_time_pruned_ranges", "ivg37_delegated_v2", "ivg37_delegated_v2_pruned_subnet", "224od_subnet",
        "uzr34_node_keys", "o3ow2_subnet_key", "agentjs_golden_mainnetSystem", "agentjs_golden_mainnetApplication",
        "agentjs_golden_localSystem", "agentjs_golden_localApplication", "agentjs_with_subnet_key", "agentjs_canister_status_local",
    ];

    [Theory]
    [MemberData(nameof(RealCertificates))]
    public void Real_certificates_parse_reencode_exactly_and_reconstruct_the_recorded_root_hash(string name)
    {
        var vector = Vectors.Load("certificates", name + ".json");
        var bytes = vector.Hex("certificate_cbor_hex");
        var certificate = Certificate.Decode(bytes);
        var decoded = vector.GetProperty("decoded");

        Convert.ToHexStringLower(certificate.Tree.Digest).Should().Be(decoded.Text("root_hash_hex"));
        Convert.ToHexStringLower(certificate.Signature).Should().Be(decoded.Text("signature_hex"));
        certificate.Time.Should().Be(ulong.Parse(decoded.Text("time_ns_string")));
        if (!name.EndsWith("pruned_subnet", StringComparison.Ordinal))
        {
            // That one's inner certificate carries an explicit "delegation": null, which we do not write back.
            CborEncoding.Encode(certificate.ToCbor(), selfDescribe: bytes[0] == 0xd9).Should().Equal(bytes);
        }

        foreach (var leaf in decoded.GetProperty("non_pruned_leaves").EnumerateArray())
        {
            var path = leaf.GetProperty("path_hex").EnumerateArray().Select(l => Convert.FromHexString(l.GetString()!)).ToList();
            var found = certificate.Tree.LookupPath(path);
            found.Status.Should().Be(LookupStatus.Found);
            if (leaf.TryGetProperty("value_hex", out var value))
            {
                Convert.ToHexStringLower(found.Value!).Should().Be(value.GetString());
            }
        }

        if (decoded.TryGetProperty("delegation", out var delegation))
        {
            certificate.Delegation!.SubnetId.ToString().Should().Be(delegation.Text("subnet_id_text"));
            Convert.ToHexStringLower(certificate.Delegation.ParseCertificate().Tree.Digest).Should().Be(delegation.GetProperty("certificate").Text("root_hash_hex"));
        }
        else
        {
            certificate.Delegation.Should().BeNull();
        }
    }

    [Theory]
    [InlineData("ivg37_delegated_v2", "ivg37-qiaaa-aaaab-aaaga-cai")]
    [InlineData("ivg37_delegated_v2", "jrlun-jiaaa-aaaab-aaaaa-cai")]
    [InlineData("ivg37_delegated_v2", "v2nog-2aaaa-aaaab-p777q-cai")]
    [InlineData("ivg37_time", "ivg37-qiaaa-aaaab-aaaga-cai")]
    [InlineData("224od_subnet", "224od-giaaa-aaaao-ae5vq-cai")]
    [InlineData("agentjs_with_subnet_key", "rdmx6-jaaaa-aaaaa-aaadq-cai")]
    public void Delegated_certificates_verify_for_canisters_inside_the_subnet_ranges(string name, string canister)
    {
        var vector = Vectors.Load("certificates", name + ".json");
        var bls = KnownSignatures.FromVector(vector);
        Verifier(vector, bls).VerifyForCanister(Certificate.Decode(vector.Hex("certificate_cbor_hex")), Principal.Parse(canister));
        bls.Calls.Should().HaveCount(2, "the delegation's signature under the root key, then the certificate's under the subnet key");
        bls.Calls[0].Key.Should().Equal(BlsPublicKey.FromDer(vector.Hex("root_key_der_hex")));
    }

    [Theory]
    [InlineData("ivg37_delegated_v2", "ryjl3-tyaaa-aaaaa-aaaba-cai", CertificateRejection.NotAuthorized)]
    [InlineData("ivg37_delegated_v2", "just-after-the-range", CertificateRejection.NotAuthorized)]
    [InlineData("ivg37_time", "ryjl3-tyaaa-aaaaa-aaaba-cai", CertificateRejection.NotAuthorized)]
    [InlineData("224od_subnet", "rdmx6-jaaaa-aaaaa-aaadq-cai", CertificateRejection.NotAuthorized)]
    [InlineData("ivg37_time_pruned_ranges", "ivg37-qiaaa-aaaab-aaaga-cai", CertificateRejection.CanisterRangesUnknown)]
    [InlineData("ivg37_delegated_v2_pruned_subnet", "ivg37-qiaaa-aaaab-aaaga-cai", CertificateRejection.CanisterRangesUnknown)]
    public void Certificates_are_refused_for_canisters_the_delegation_does_not_cover(string name, string canister, CertificateRejection reason)
    {
        var vector = Vectors.Load("certificates", name + ".json");
        var principal = canister == "just-after-the-range" ? Principal.FromBytes(Convert.FromHexString("00000000003000000101")) : Principal.Parse(canister);
        var act = () => Verifier(vector, KnownSignatures.FromVector(vector)).VerifyForCanister(Certificate.Decode(vector.Hex("certificate_cbor_hex")), principal);
        act.Should().Throw<CertificateVerificationException>().Which.Reason.Should().Be(reason);
    }

    [Fact]
    public void Nested_delegations_are_refused()
    {
        var vector = Vectors.Load("certificates", "derived_nested_delegation.json");
        var act = () => Verifier(vector, new KnownSignatures()).VerifyForCanister(Certificate.Decode(vector.Hex("certificate_cbor_hex")), Principal.Parse(vector.Text("canister_id")));
        act.Should().Throw<CertificateVerificationException>().Which.Reason.Should().Be(CertificateRejection.TooManyDelegations);
    }

    [Fact]
    public void A_certificate_used_as_its_own_delegation_is_refused_and_verifies_for_its_subnet_alone()
    {
        var vector = Vectors.Load("certificates", "uzr34_node_keys.json");
        var bytes = vector.Hex("certificate_cbor_hex");
        var certificate = Certificate.Decode(bytes);
        var subnet = Principal.Parse(vector.GetProperty("decoded").GetProperty("delegation").Text("subnet_id_text"));
        var verifier = Verifier(vector, KnownSignatures.FromVector(vector));

        verifier.VerifyForSubnet(certificate, subnet);
        var wrongSubnet = () => verifier.VerifyForSubnet(certificate, Principal.Parse("tdb26-jop6k-aogll-7ltgs-eruif-6kk7m-qpktf-gdiqx-mxtrf-vb5e6-eqe"));
        wrongSubnet.Should().Throw<CertificateVerificationException>().Which.Reason.Should().Be(CertificateRejection.NotAuthorized);

        var nested = certificate with { Delegation = new CertificateDelegation { SubnetId = subnet, CertificateBytes = bytes } };
        var act = () => verifier.VerifyForSubnet(nested, subnet);
        act.Should().Throw<CertificateVerificationException>().Which.Reason.Should().Be(CertificateRejection.TooManyDelegations);
    }

    [Fact]
    public void Root_subnet_certificates_verify_under_the_root_key_only_for_the_root_subnet()
    {
        var vector = Vectors.Load("certificates", "agentjs_golden_mainnetSystem.json");
        var bls = KnownSignatures.FromVector(vector);
        var verifier = Verifier(vector, bls);
        var certificate = Certificate.Decode(vector.Hex("certificate_cbor_hex"));
        verifier.RootSubnetId.ToString().Should().Be("tdb26-jop6k-aogll-7ltgs-eruif-6kk7m-qpktf-gdiqx-mxtrf-vb5e6-eqe");
        verifier.VerifyForSubnet(certificate, verifier.RootSubnetId);
        verifier.VerifyForCanister(certificate, Principal.Parse("ryjl3-tyaaa-aaaaa-aaaba-cai"));
        var other = () => verifier.VerifyForSubnet(certificate, Principal.Parse("uzr34-akd3s-xrdag-3ql62-ocgoh-ld2ao-tamcv-54e7j-krwgb-2gm4z-oqe"));
        other.Should().Throw<CertificateVerificationException>().Which.Reason.Should().Be(CertificateRejection.NotAuthorized);
    }

    [Fact]
    public void Without_a_BLS_verifier_certificates_are_refused_unless_the_network_is_insecure_local()
    {
        var vector = Vectors.Load("certificates", "ivg37_delegated_v2.json");
        var certificate = Certificate.Decode(vector.Hex("certificate_cbor_hex"));
        var canister = Principal.Parse("ivg37-qiaaa-aaaab-aaaga-cai");
        var closed = new CertificateVerifier(new CertificateVerifierOptions { RootKey = vector.Hex("root_key_der_hex"), CheckTime = false });
        ((Action)(() => closed.VerifyForCanister(certificate, canister))).Should().Throw<CertificateVerificationException>()
            .Which.Reason.Should().Be(CertificateRejection.NoSignatureVerifier);

        var insecure = new CertificateVerifier(new CertificateVerifierOptions { RootKey = vector.Hex("root_key_der_hex"), CheckTime = false, InsecureSkipSignatureCheck = true });
        insecure.VerifyForCanister(certificate, canister);
        ((Action)(() => insecure.VerifyForCanister(certificate, Principal.Parse("ryjl3-tyaaa-aaaaa-aaaba-cai")))).Should().Throw<CertificateVerificationException>()
            .Which.Reason.Should().Be(CertificateRejection.NotAuthorized, "structure and scope are still checked");
    }

    [Fact]
    public void A_signature_the_verifier_rejects_fails_verification()
    {
        var vector = Vectors.Load("certificates", "ivg37_delegated_v2.json");
        var certificate = Certificate.Decode(vector.Hex("certificate_cbor_hex"));
        var tampered = certificate with { Signature = [.. certificate.Signature[..^1], (byte)(certificate.Signature[^1] ^ 1)] };
        var act = () => Verifier(vector, KnownSignatures.FromVector(vector)).VerifyForCanister(tampered, Principal.Parse("ivg37-qiaaa-aaaab-aaaga-cai"));
        act.Should().Throw<CertificateVerificationException>().Which.Reason.Should().Be(CertificateRejection.InvalidSignature);
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(4 * 60, null)]
    [InlineData(6 * 60, CertificateRejection.TooOld)]
    [InlineData(-6 * 60, CertificateRejection.InFuture)]
    public void Certified_time_must_be_recent(int clockOffsetSeconds, CertificateRejection? reason)
    {
        var vector = Vectors.Load("certificates", "ivg37_time.json");
        var certificate = Certificate.Decode(vector.Hex("certificate_cbor_hex"));
        var certified = DateTimeOffset.UnixEpoch.AddTicks((long)(certificate.Time / 100));
        var verifier = new CertificateVerifier(new CertificateVerifierOptions
        {
            RootKey = vector.Hex("root_key_der_hex"),
            SignatureVerifier = KnownSignatures.FromVector(vector),
            Clock = new FixedClock(certified.AddSeconds(clockOffsetSeconds)),
        });
        var act = () => verifier.VerifyForCanister(certificate, Principal.Parse("ivg37-qiaaa-aaaab-aaaga-cai"));
        if (reason is null)
        {
            act.Should().NotThrow();
        }
        else
        {
            act.Should().Throw<CertificateVerificationException>().Which.Reason.Should().Be(reason);
        }
    }

    [Fact]
    public void Local_replica_certificate_exposes_controllers_module_hash_and_metadata()
    {
        var vector = Vectors.Load("certificates", "agentjs_canister_status_local.json");
        var tree = Certificate.Decode(vector.Hex("certificate_cbor_hex")).Tree;
        var canister = Principal.Parse("rrkah-fqaaa-aaaaa-aaaaq-cai").ToByteArray();
        var controllers = CborEncoding.DecodeUntagged(tree.LookupPath(["canister"u8.ToArray(), canister, "controllers"u8.ToArray()]).Value!).AsArray("controllers");
        controllers.Items.Select(c => Principal.FromBytes(c.AsBytes("controller")).ToString()).Should().Equal("2vxsx-fae", "rwlgt-iiaaa-aaaaa-aaaaa-cai");
        Convert.ToHexStringLower(tree.LookupPath(["canister"u8.ToArray(), canister, "module_hash"u8.ToArray()]).Value!).Should().Be("896f6c079f96bc3cbef782af1ab1b52847f04700ff916eb49425566995a9a064");
        System.Text.Encoding.UTF8.GetString(tree.LookupPath(["canister"u8.ToArray(), canister, "metadata"u8.ToArray(), "candid:service"u8.ToArray()]).Value!).Should().Contain("greet: (Example) -> (text) query");
    }

    [Fact]
    public void Canister_ranges_round_trip_and_are_inclusive()
    {
        var ranges = new CanisterRanges([(Principal.FromCanisterIndex(10), Principal.FromCanisterIndex(20))]);
        var decoded = CanisterRanges.Decode(ranges.Encode());
        decoded.Contains(Principal.FromCanisterIndex(10)).Should().BeTrue();
        decoded.Contains(Principal.FromCanisterIndex(20)).Should().BeTrue();
        decoded.Contains(Principal.FromCanisterIndex(21)).Should().BeFalse();
        decoded.Contains(Principal.FromCanisterIndex(9)).Should().BeFalse();
    }

    [Fact]
    public void Bls_keys_in_DER_must_have_the_IC_prefix()
    {
        var der = Vectors.Load("certificates", "ic-mainnet-root-key.json");
        var raw = BlsPublicKey.FromDer(der.Hex("der_hex"));
        BlsPublicKey.ToDer(raw).Should().Equal(der.Hex("der_hex"));
        var act = () => BlsPublicKey.FromDer(der.Hex("der_hex").AsSpan()[1..]);
        act.Should().Throw<CertificateVerificationException>().Which.Reason.Should().Be(CertificateRejection.InvalidPublicKey);
    }

    private static CertificateVerifier Verifier(JsonElement vector, KnownSignatures bls) => new(new CertificateVerifierOptions
    {
        RootKey = vector.Hex("root_key_der_hex"),
        SignatureVerifier = bls,
        CheckTime = false,
    });
}
