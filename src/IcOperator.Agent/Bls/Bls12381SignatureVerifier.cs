using System.Text;
using IcOperator.Agent.Bls.Curves;
using IcOperator.Agent.Bls.Fields;
using IcOperator.Agent.Bls.HashToCurve;
using IcOperator.Agent.Bls.Pairing;
using IcOperator.Agent.Certificates;

namespace IcOperator.Agent.Bls;

/// <summary>
/// BLS12-381 signature verification in the IC's minimal-signature-size scheme: checks
/// e(σ, −g2) · e(H(m), pk) = 1 with one two-pair Miller loop and one final exponentiation, where
/// H is hash_to_G1 with DST <c>BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_</c>. Keys and signatures
/// must be valid compressed points of their prime-order subgroups and not the point at infinity.
/// Thread-safe. Each instance caches decoded keys and, unless told otherwise, the triples that
/// verified (a subnet's delegation comes with every certificate it sends).
/// </summary>
public sealed class Bls12381SignatureVerifier : IBlsSignatureVerifier
{
    private static readonly byte[] Dst = Encoding.ASCII.GetBytes(HashToG1.SignatureDst);
    private static readonly G2Prepared NegatedGenerator = G2Prepared.From(JacobianPoint<Fp2>.Negate(G2.Generator));

    private readonly PreparedPublicKeys keys = new();
    private readonly VerifiedSignatures verified;

    /// <summary>A verifier that remembers up to 1024 verified (key, signature, message) triples.</summary>
    public Bls12381SignatureVerifier()
        : this(verifiedSignatureCapacity: 1024)
    {
    }

    /// <summary>A verifier that remembers up to <paramref name="verifiedSignatureCapacity"/> verified triples; 0 checks every signature afresh.</summary>
    public Bls12381SignatureVerifier(int verifiedSignatureCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(verifiedSignatureCapacity);
        verified = new VerifiedSignatures(verifiedSignatureCapacity);
    }

    /// <summary>A shared instance; the type holds nothing but its caches (decoded keys, verified triples).</summary>
    public static Bls12381SignatureVerifier Shared { get; } = new();

    /// <inheritdoc />
    public bool Verify(ReadOnlySpan<byte> publicKey96, ReadOnlySpan<byte> signature48, ReadOnlySpan<byte> message) =>
        Verify(publicKey96, signature48, message, Dst);

    /// <summary>The same check under another hash-to-G1 DST (other networks' vectors use their own).</summary>
    internal bool Verify(ReadOnlySpan<byte> publicKey96, ReadOnlySpan<byte> signature48, ReadOnlySpan<byte> message, ReadOnlySpan<byte> dst)
    {
        if (publicKey96.Length != G2.CompressedLength || signature48.Length != G1.CompressedLength)
        {
            return false;
        }

        var cacheable = dst.SequenceEqual(Dst);
        if (cacheable && verified.Contains(publicKey96, signature48, message))
        {
            return true;
        }

        if (!G1.TryDecompress(signature48, out var signature) || signature.IsInfinity)
        {
            return false;
        }

        if (keys.Get(publicKey96) is not { } key)
        {
            return false;
        }

        var hash = HashToG1.Hash(message, dst);
        var f = MillerLoop.Evaluate([(signature, NegatedGenerator), (hash, key)]);
        if (!FinalExponentiation.Apply(f).IsOne)
        {
            return false;
        }

        if (cacheable)
        {
            verified.Add(publicKey96, signature48, message);
        }

        return true;
    }
}
