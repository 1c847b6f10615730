using System.Security.Cryptography;
using IcOperator.Agent.RequestIds;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math.EC.Rfc8032;

namespace IcOperator.Agent.Identities;

/// <summary>Checks signatures made by the IC's plain key kinds, given the signer's DER public key.</summary>
public static class SignatureVerification
{
    /// <summary>True only for a valid signature; malformed keys or signatures are false, never an exception.</summary>
    public static bool Verify(ReadOnlySpan<byte> derPublicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        SignatureScheme scheme;
        byte[] key;
        try
        {
            (scheme, key) = DerPublicKey.Parse(derPublicKey);
        }
        catch (FormatException)
        {
            return false;
        }

        return scheme == SignatureScheme.Ed25519 ? VerifyEd25519(key, message, signature) : VerifyEcdsa(scheme, key, message, signature);
    }

    /// <summary>Verifies a sender's signature over <c>"\x0Aic-request" ++ request id</c>.</summary>
    public static bool VerifyRequest(ReadOnlySpan<byte> derPublicKey, RequestId requestId, ReadOnlySpan<byte> signature) =>
        Verify(derPublicKey, RequestSigning.RequestMessage(requestId), signature);

    /// <summary>Verifies a raw (not DER-wrapped) Ed25519 signature, as query responses' node signatures are.</summary>
    public static bool VerifyEd25519(ReadOnlySpan<byte> publicKey32, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (publicKey32.Length != Ed25519PublicKeyParameters.KeySize || signature.Length != Ed25519PrivateKeyParameters.SignatureSize)
        {
            return false;
        }

        Ed25519PublicKeyParameters key;
        try
        {
            key = new Ed25519PublicKeyParameters(publicKey32);
        }
        catch (ArgumentException)
        {
            // Not the encoding of a curve point: an invalid key, hence an invalid signature.
            return false;
        }

        return key.Verify(Ed25519.Algorithm.Ed25519, null, message, signature);
    }

    private static bool VerifyEcdsa(SignatureScheme scheme, byte[] point, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != 64)
        {
            return false;
        }

        try
        {
            using var ecdsa = ECDsa.Create(new ECParameters
            {
                Curve = DerPublicKey.Curve(scheme),
                Q = new ECPoint { X = point[1..33], Y = point[33..] },
            });
            return ecdsa.VerifyData(message, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        catch (CryptographicException)
        {
            // A point off the curve is an invalid key, hence an invalid signature.
            return false;
        }
    }
}
