using System.Formats.Asn1;
using System.Security.Cryptography;

namespace IcOperator.Agent.Identities;

/// <summary>DER SubjectPublicKeyInfo of the IC's sender key kinds (spec "Signatures").</summary>
public static class DerPublicKey
{
    public const string Ed25519Oid = "1.3.101.112";
    public const string EcPublicKeyOid = "1.2.840.10045.2.1";
    public const string Secp256k1Oid = "1.3.132.0.10";
    public const string P256Oid = "1.2.840.10045.3.1.7";

    private static readonly byte[] Ed25519Prefix = Convert.FromHexString("302a300506032b6570032100");

    public static byte[] Ed25519(ReadOnlySpan<byte> raw32) =>
        raw32.Length == 32 ? [.. Ed25519Prefix, .. raw32] : throw new ArgumentException($"Ed25519 public key: expected 32 bytes, found {raw32.Length}", nameof(raw32));

    /// <summary>Reads the scheme and the raw key (32 bytes for Ed25519, the 65-byte uncompressed point for ECDSA).</summary>
    public static (SignatureScheme Scheme, byte[] Key) Parse(ReadOnlySpan<byte> der)
    {
        try
        {
            var reader = new AsnReader(der.ToArray(), AsnEncodingRules.DER);
            var spki = reader.ReadSequence();
            reader.ThrowIfNotEmpty();
            var algorithm = spki.ReadSequence();
            var oid = algorithm.ReadObjectIdentifier();
            string? curve = algorithm.HasData && algorithm.PeekTag() == Asn1Tag.ObjectIdentifier ? algorithm.ReadObjectIdentifier() : null;
            var key = spki.ReadBitString(out var unused);
            spki.ThrowIfNotEmpty();
            if (unused != 0)
            {
                throw new FormatException("DER public key: bit string has unused bits");
            }

            return (oid, curve) switch
            {
                (Ed25519Oid, null) when key.Length == 32 => (SignatureScheme.Ed25519, key),
                (EcPublicKeyOid, Secp256k1Oid) when key is [0x04, ..] && key.Length == 65 => (SignatureScheme.EcdsaSecp256k1, key),
                (EcPublicKeyOid, P256Oid) when key is [0x04, ..] && key.Length == 65 => (SignatureScheme.EcdsaP256, key),
                _ => throw new FormatException($"DER public key: expected Ed25519 ({Ed25519Oid}, 32 bytes) or ECDSA ({EcPublicKeyOid}) on secp256k1/P-256 with an uncompressed 65-byte point, found algorithm {oid}, curve {curve ?? "none"}, {key.Length}-byte key"),
            };
        }
        catch (AsnContentException e)
        {
            throw new FormatException("DER public key: not a valid SubjectPublicKeyInfo: " + e.Message, e);
        }
    }

    internal static ECCurve Curve(SignatureScheme scheme) => scheme switch
    {
        SignatureScheme.EcdsaSecp256k1 => ECCurve.CreateFromValue(Secp256k1Oid),
        SignatureScheme.EcdsaP256 => ECCurve.NamedCurves.nistP256,
        _ => throw new ArgumentOutOfRangeException(nameof(scheme), scheme, "not an ECDSA scheme"),
    };
}
