using System.Formats.Asn1;
using System.Security.Cryptography;
using IcOperator.Candid;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math.EC.Rfc8032;

namespace IcOperator.Agent.Identities;

/// <summary>An Ed25519 key pair (the default key kind of dfx and icp-cli).</summary>
public sealed class Ed25519Identity : IIdentity, IDisposable
{
    private static readonly int KeyLength = Ed25519PrivateKeyParameters.KeySize;
    private readonly Ed25519PrivateKeyParameters key;
    private readonly byte[] seed;

    private Ed25519Identity(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != KeyLength)
        {
            throw new ArgumentException($"Ed25519 private key: expected {KeyLength} bytes, found {seed.Length}", nameof(seed));
        }

        key = new Ed25519PrivateKeyParameters(seed);
        this.seed = seed.ToArray();
        PublicKey = key.GeneratePublicKey().GetEncoded();
        PublicKeyDer = DerPublicKey.Ed25519(PublicKey);
        Sender = Principal.SelfAuthenticating(PublicKeyDer);
    }

    public Principal Sender { get; }

    public byte[] PublicKeyDer { get; }

    /// <summary>The raw 32-byte public key.</summary>
    public byte[] PublicKey { get; }

    public static Ed25519Identity FromSeed(ReadOnlySpan<byte> seed32) => new(seed32);

    public static Ed25519Identity Generate() => new(RandomNumberGenerator.GetBytes(KeyLength));

    /// <summary>Reads the key from PKCS#8 DER (v1, or v2 with the public key, as older dfx writes).</summary>
    public static Ed25519Identity FromPkcs8(ReadOnlySpan<byte> der)
    {
        try
        {
            var reader = new AsnReader(der.ToArray(), AsnEncodingRules.BER);
            var info = reader.ReadSequence();
            var version = info.ReadInteger();
            var algorithm = info.ReadSequence();
            var oid = algorithm.ReadObjectIdentifier();
            if (oid != DerPublicKey.Ed25519Oid)
            {
                throw new FormatException($"PKCS#8 key: expected algorithm Ed25519 ({DerPublicKey.Ed25519Oid}), found {oid}");
            }

            var inner = new AsnReader(info.ReadOctetString(), AsnEncodingRules.BER).ReadOctetString();
            if (inner.Length != KeyLength)
            {
                throw new FormatException($"PKCS#8 Ed25519 key: expected a {KeyLength}-byte private key, found {inner.Length} bytes");
            }

            var identity = new Ed25519Identity(inner);
            CryptographicOperations.ZeroMemory(inner);
            CheckEmbeddedPublicKey(info, version, identity);
            return identity;
        }
        catch (AsnContentException e)
        {
            throw new FormatException("PKCS#8 Ed25519 key: malformed DER (" + e.GetType().Name + ")", e);
        }
    }

    public byte[]? Sign(ReadOnlySpan<byte> message)
    {
        var signature = new byte[Ed25519PrivateKeyParameters.SignatureSize];
        key.Sign(Ed25519.Algorithm.Ed25519, null, message, signature);
        return signature;
    }

    /// <summary>The private key as PKCS#8 PEM (v1), for storing in a Secret; never logged.</summary>
    public string ExportPkcs8Pem()
    {
        byte[] der = [.. Convert.FromHexString("302e020100300506032b657004220420"), .. seed];
        try
        {
            return new string(PemEncoding.Write("PRIVATE KEY", der));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(der);
        }
    }

    /// <summary>Wipes this object's copy of the seed; the signing key itself is managed memory the GC reclaims.</summary>
    public void Dispose() => CryptographicOperations.ZeroMemory(seed);

    public override string ToString() => $"Ed25519 identity {Sender}";

    private static void CheckEmbeddedPublicKey(AsnReader info, System.Numerics.BigInteger version, Ed25519Identity identity)
    {
        while (info.HasData)
        {
            var tag = info.PeekTag();
            if (tag.HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 1)) && version == 1)
            {
                var embedded = info.ReadBitString(out _, new Asn1Tag(TagClass.ContextSpecific, 1));
                if (!embedded.AsSpan().SequenceEqual(identity.PublicKey))
                {
                    throw new FormatException("PKCS#8 Ed25519 key: the embedded public key does not belong to the private key");
                }
            }
            else
            {
                info.ReadEncodedValue();
            }
        }
    }
}
