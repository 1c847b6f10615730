using System.Numerics;
using System.Security.Cryptography;
using IcOperator.Agent.Identities;
using IcOperator.Agent.RequestIds;
using IcOperator.Candid;

namespace IcOperator.Agent.Tests.Identities;

public class IdentityTests
{
    // Written by `openssl ecparam -name secp256k1 -genkey`, the layout dfx and icp-cli export (EC PARAMETERS, then SEC1).
    private const string Secp256k1Pem = """
        -----BEGIN EC PARAMETERS-----
        BgUrgQQACg==
        -----END EC PARAMETERS-----
        -----BEGIN EC PRIVATE KEY-----
        MHQCAQEEIG83tX1ijgVqtJQ5B5D7ko63Y8BpqLQTsQ8yy7nabcDaoAcGBSuBBAAK
        oUQDQgAE2a4XI8vQ+ZSBTAS0/adZEGAj1ubP2/bjy74pJOogDyM8V1DTLAwmH6F/
        xeoJpg7sKb0t/K5FihB4tswmJPH0dQ==
        -----END EC PRIVATE KEY-----
        """;

    private const string Secp256k1Der = "3056301006072a8648ce3d020106052b8104000a03420004d9ae1723cbd0f994814c04b4fda759106023d6e6cfdbf6e3cbbe2924ea200f233c5750d32c0c261fa17fc5ea09a60eec29bd2dfcae458a1078b6cc2624f1f475";

    // `openssl dgst -sha256 -sign` over "ic-operator", converted from DER to r ++ s; s is in the high half on purpose.
    private const string Secp256k1OpenSslSignature = "6aba1c686f0bbb8844fa5dfb41355adb8d480ce14b3050e25ec902fe062cfecc" + "f50f67aa5feeef856d8c88d6b1b6b60c88991a5008f0f602d997c80038176939";

    // Written by `openssl genpkey -algorithm ed25519` (PKCS#8 v1, as icp-cli exports).
    private const string Ed25519Pem = """
        -----BEGIN PRIVATE KEY-----
        MC4CAQAwBQYDK2VwBCIEIIZ5Wix7oU0N/9BdEdgW3m3KkqF5XkaZgUEKJF6QeYON
        -----END PRIVATE KEY-----
        """;

    private const string Ed25519Der = "302a300506032b6570032100271de08e6c1f322789bb7001ad4cb9aecfb7c3cfbe95d9cf113c3d0e515203d0";
    private const string Ed25519OpenSslSignature = "5ec1adf0701c5fc4cb1ec11e7c09166a7320baf760f7b7969bc97f06e0b56fd8c647a95b489826a30bd932709dc39e9f74b93d5a17929256c779d025c5d1fb0d";

    private const string P256Pkcs8Pem = """
        -----BEGIN PRIVATE KEY-----
        MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgos7QIdnGfzFo6b+j
        zwbKjGw7SUEhSKgL1ox9yMvEuKyhRANCAARl3qxU7vqFHvJVrjMgjVR62nz3k78z
        NTutkocHe4wy+t0XxiklyOi4kAZztJXSDuT9AlwLF+K/2Q/Am9uja2dA
        -----END PRIVATE KEY-----
        """;

    private const string P256Der = "3059301306072a8648ce3d020106082a8648ce3d0301070342000465deac54eefa851ef255ae33208d547ada7cf793bf33353bad9287077b8c32fadd17c62925c8e8b8900673b495d20ee4fd025c0b17e2bfd90fc09bdba36b6740";
    private const string P256OpenSslSignature = "8e21ad0873dc12404ce5ad003c9f8effb54d3198b8ddf55bf16c3d24b15b9ee0" + "77986b201d07e4b315042898e6f37f3889079463040888c6803e7e749d278c49";

    private static readonly byte[] Message = "ic-operator"u8.ToArray();

    [Theory]
    [InlineData(
        "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
        "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
        "",
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b")]
    [InlineData(
        "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
        "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
        "72",
        "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00")]
    [InlineData(
        "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
        "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
        "af82",
        "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a")]
    public void Ed25519_matches_the_RFC_8032_test_vectors(string secret, string publicKey, string message, string signature)
    {
        using var identity = Ed25519Identity.FromSeed(Convert.FromHexString(secret));
        Convert.ToHexStringLower(identity.PublicKey).Should().Be(publicKey);
        Convert.ToHexStringLower(identity.Sign(Convert.FromHexString(message))!).Should().Be(signature);
        SignatureVerification.VerifyEd25519(Convert.FromHexString(publicKey), Convert.FromHexString(message), Convert.FromHexString(signature)).Should().BeTrue();
        var flipped = Convert.FromHexString(signature);
        flipped[5] ^= 0x40;
        SignatureVerification.VerifyEd25519(Convert.FromHexString(publicKey), Convert.FromHexString(message), flipped).Should().BeFalse();
    }

    [Fact]
    public void Ed25519_PKCS8_PEM_from_OpenSSL_gives_its_public_key_and_verifiable_signatures()
    {
        var identity = IdentityPem.Parse(Ed25519Pem);
        identity.Should().BeOfType<Ed25519Identity>();
        Convert.ToHexStringLower(identity.PublicKeyDer!).Should().Be(Ed25519Der);
        identity.Sender.Should().Be(Principal.SelfAuthenticating(Convert.FromHexString(Ed25519Der)));
        Convert.ToHexStringLower(identity.Sign(Message)!).Should().Be(Ed25519OpenSslSignature, "Ed25519 is deterministic, so OpenSSL's CLI signature must match");
    }

    [Fact]
    public void Ed25519_PKCS8_v2_with_embedded_public_key_is_read_and_checked()
    {
        using var original = Ed25519Identity.Generate();
        var v1 = Convert.FromBase64String(original.ExportPkcs8Pem().Split('\n')[1..^1].Aggregate(string.Empty, (a, b) => a + b.Trim()));
        var seed = v1[^32..];
        byte[] v2 = [.. Convert.FromHexString("3053020101300506032b657004220420"), .. seed, .. Convert.FromHexString("a123032100"), .. original.PublicKey];
        var pem = new string(System.Security.Cryptography.PemEncoding.Write("PRIVATE KEY", v2));
        IdentityPem.Parse(pem).Sender.Should().Be(original.Sender);

        byte[] wrongKey = [.. v2[..^32], .. new byte[32]];
        var act = () => IdentityPem.Parse(new string(System.Security.Cryptography.PemEncoding.Write("PRIVATE KEY", wrongKey)));
        act.Should().Throw<FormatException>().WithMessage("*embedded public key does not belong*");
    }

    [Fact]
    public void Secp256k1_SEC1_PEM_with_parameters_block_is_read_and_OpenSSL_signatures_verify()
    {
        var identity = (EcdsaIdentity)IdentityPem.Parse(Secp256k1Pem);
        identity.Scheme.Should().Be(SignatureScheme.EcdsaSecp256k1);
        Convert.ToHexStringLower(identity.PublicKeyDer).Should().Be(Secp256k1Der);
        SignatureVerification.Verify(Convert.FromHexString(Secp256k1Der), Message, Convert.FromHexString(Secp256k1OpenSslSignature)).Should().BeTrue();
        SignatureVerification.Verify(Convert.FromHexString(Secp256k1Der), "other"u8, Convert.FromHexString(Secp256k1OpenSslSignature)).Should().BeFalse();
    }

    [Fact]
    public void Secp256k1_signatures_are_low_S_and_verify()
    {
        var identity = (EcdsaIdentity)IdentityPem.Parse(Secp256k1Pem);
        var halfOrder = BigInteger.Parse("7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0", System.Globalization.NumberStyles.HexNumber);
        for (var i = 0; i < 64; i++)
        {
            byte[] message = [.. Message, (byte)i];
            var signature = identity.Sign(message)!;
            signature.Should().HaveCount(64);
            new BigInteger(signature.AsSpan(32), isUnsigned: true, isBigEndian: true).Should().BeLessThanOrEqualTo(halfOrder);
            SignatureVerification.Verify(identity.PublicKeyDer, message, signature).Should().BeTrue();
        }
    }

    [Fact]
    public void P256_PKCS8_PEM_is_read_and_OpenSSL_signatures_verify()
    {
        var identity = (EcdsaIdentity)IdentityPem.Parse(P256Pkcs8Pem);
        identity.Scheme.Should().Be(SignatureScheme.EcdsaP256);
        Convert.ToHexStringLower(identity.PublicKeyDer).Should().Be(P256Der);
        SignatureVerification.Verify(Convert.FromHexString(P256Der), Message, Convert.FromHexString(P256OpenSslSignature)).Should().BeTrue();
        SignatureVerification.Verify(identity.PublicKeyDer, Message, identity.Sign(Message)!).Should().BeTrue();
    }

    [Theory]
    [InlineData(SignatureScheme.Ed25519)]
    [InlineData(SignatureScheme.EcdsaSecp256k1)]
    [InlineData(SignatureScheme.EcdsaP256)]
    public void Generated_identities_sign_requests_that_verify_and_survive_PEM_export(SignatureScheme scheme)
    {
        IIdentity identity = scheme == SignatureScheme.Ed25519 ? Ed25519Identity.Generate() : EcdsaIdentity.Generate(scheme);
        var pem = identity is Ed25519Identity ed ? ed.ExportPkcs8Pem() : ((EcdsaIdentity)identity).ExportPem();
        var reread = IdentityPem.Parse(pem);
        reread.Sender.Should().Be(identity.Sender);
        reread.Sender.IsSelfAuthenticating.Should().BeTrue();
        DerPublicKey.Parse(identity.PublicKeyDer!).Scheme.Should().Be(scheme);

        var requestId = new RequestId(SHA256.HashData("request"u8));
        var signature = identity.SignRequest(requestId)!;
        SignatureVerification.VerifyRequest(reread.PublicKeyDer!, requestId, signature).Should().BeTrue();
        SignatureVerification.VerifyRequest(reread.PublicKeyDer!, new RequestId(new byte[32]), signature).Should().BeFalse();
        SignatureVerification.Verify(reread.PublicKeyDer!, [10, .. "ic-request"u8, .. requestId.Bytes], signature).Should().BeTrue();
    }

    [Fact]
    public void Keys_never_appear_in_ToString_or_errors()
    {
        var identity = IdentityPem.Parse(Ed25519Pem);
        var secretBase64 = "IIZ5Wix7oU0N";
        identity.ToString().Should().StartWith("Ed25519 identity ").And.NotContain(secretBase64);
        IdentityPem.Parse(Secp256k1Pem).ToString().Should().NotContain("MHQCAQEE");

        var broken = Ed25519Pem.Replace("MC4CAQAwBQYDK2VwBCIEI", "MC4CAQAwBQYDK2VxBCIEI", StringComparison.Ordinal);
        var act = () => IdentityPem.Parse(broken);
        act.Should().Throw<FormatException>().Which.ToString().Should().NotContain(secretBase64).And.NotContain("86795a2c7b");
    }

    [Fact]
    public void Anonymous_identity_has_no_key_and_no_signature()
    {
        AnonymousIdentity.Instance.Sender.ToString().Should().Be("2vxsx-fae");
        AnonymousIdentity.Instance.PublicKeyDer.Should().BeNull();
        AnonymousIdentity.Instance.Sign(Message).Should().BeNull();
    }

    [Theory]
    [InlineData("", "no PEM block")]
    [InlineData("-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAJx3gjmwfMieJu3ABrUy5rs+3w8++ldnPETw9DlFSA9A=\n-----END PUBLIC KEY-----", "found PUBLIC KEY")]
    public void Unusable_PEM_is_refused_with_what_was_expected(string pem, string message)
    {
        var act = () => IdentityPem.Parse(pem);
        act.Should().Throw<FormatException>().Which.Message.Should().Contain(message);
    }

    [Fact]
    public void Malformed_public_keys_and_signatures_verify_as_false()
    {
        SignatureVerification.Verify([1, 2, 3], Message, new byte[64]).Should().BeFalse();
        SignatureVerification.Verify(Convert.FromHexString(Ed25519Der), Message, new byte[10]).Should().BeFalse();
        SignatureVerification.Verify(Convert.FromHexString(Secp256k1Der), Message, new byte[64]).Should().BeFalse();
        var offCurve = Convert.FromHexString(P256Der);
        offCurve[^1] ^= 1;
        SignatureVerification.Verify(offCurve, Message, Convert.FromHexString(P256OpenSslSignature)).Should().BeFalse();
    }
}
