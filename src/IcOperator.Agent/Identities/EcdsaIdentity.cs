using System.Numerics;
using System.Security.Cryptography;
using IcOperator.Candid;

namespace IcOperator.Agent.Identities;

/// <summary>An ECDSA key pair on secp256k1 (dfx/icp-cli's <c>EC PRIVATE KEY</c> PEM) or P-256, signing with SHA-256.</summary>
public sealed class EcdsaIdentity : IIdentity, IDisposable
{
    // secp256k1's group order; signatures are normalised to s <= n/2, as the IC's secp256k1 check expects.
    private static readonly BigInteger Secp256k1Order = BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", System.Globalization.NumberStyles.HexNumber);

    private readonly ECDsa key;

    private EcdsaIdentity(ECDsa key, SignatureScheme scheme)
    {
        this.key = key;
        Scheme = scheme;
        PublicKeyDer = key.ExportSubjectPublicKeyInfo();
        Sender = Principal.SelfAuthenticating(PublicKeyDer);
    }

    public SignatureScheme Scheme { get; }

    public Principal Sender { get; }

    public byte[] PublicKeyDer { get; }

    public static EcdsaIdentity Generate(SignatureScheme scheme) => new(ECDsa.Create(DerPublicKey.Curve(scheme)), scheme);

    /// <summary>Takes ownership of an ECDsa key on secp256k1 or P-256.</summary>
    public static EcdsaIdentity FromKey(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var (scheme, _) = DerPublicKey.Parse(key.ExportSubjectPublicKeyInfo());
        return scheme == SignatureScheme.Ed25519
            ? throw new ArgumentException("ECDSA identity: the key is not on secp256k1 or P-256", nameof(key))
            : new EcdsaIdentity(key, scheme);
    }

    public byte[]? Sign(ReadOnlySpan<byte> message)
    {
        var signature = key.SignData(message, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        if (Scheme == SignatureScheme.EcdsaSecp256k1)
        {
            var s = new BigInteger(signature.AsSpan(32), isUnsigned: true, isBigEndian: true);
            if (s > Secp256k1Order / 2)
            {
                var low = (Secp256k1Order - s).ToByteArray(isUnsigned: true, isBigEndian: true);
                signature.AsSpan(32).Clear();
                low.CopyTo(signature.AsSpan(64 - low.Length));
            }
        }

        return signature;
    }

    /// <summary>The private key as SEC1 <c>EC PRIVATE KEY</c> PEM, for storing in a Secret; never logged.</summary>
    public string ExportPem() => key.ExportECPrivateKeyPem();

    public void Dispose() => key.Dispose();

    public override string ToString() => $"{Scheme} identity {Sender}";
}
