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
/// Thread-safe; decoded keys are cached per instance.
/// </summary>
public sealed class Bls12381SignatureVerifier : IBlsSignatureVerifier
{
    private static readonly byte[] Dst = Encoding.ASCII.GetBytes(HashToG1.SignatureDst);
    private static readonly G2Prepared NegatedGenerator = G2Prepared.From(JacobianPoint<Fp2>.Negate(G2.Generator));

    private readonly PreparedPublicKeys keys = new();

    /// <summary>A shared instance; the type holds only a cache of decoded keys.</summary>
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
        return FinalExponentiation.Apply(f).IsOne;
    }
}
