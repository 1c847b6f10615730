using System.Security.Cryptography;
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
/// <see cref="VerifyAll"/> checks several signatures with one multi-pair Miller loop and one final
/// exponentiation, weighting each but the first with a fresh random nonzero 64-bit scalar.
/// </summary>
public sealed class Bls12381SignatureVerifier : IBlsBatchSignatureVerifier
{
    private static readonly byte[] Dst = Encoding.ASCII.GetBytes(HashToG1.SignatureDst);
    private static readonly G2Prepared NegatedGenerator = G2Prepared.From(JacobianPoint<Fp2>.Negate(G2.Generator));

    private readonly PreparedPublicKeys keys = new();
    private readonly VerifiedSignatures verified;
    private long pairingChecks;

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

    /// <summary>Pairing checks run (one per signature checked alone, one per batch): what the verified-triple cache saves.</summary>
    internal long PairingChecks => Interlocked.Read(ref pairingChecks);

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

        if (!verified.Enabled || !dst.SequenceEqual(Dst))
        {
            return Check(publicKey96, signature48, message, dst);
        }

        if (verified.Contains(publicKey96, signature48, message))
        {
            return true;
        }

        // The responses of one certification round arrive together with one signature over one root: one of them
        // checks it while the others wait on its gate, then find it remembered.
        lock (verified.GateOf(publicKey96, signature48, message))
        {
            if (verified.Contains(publicKey96, signature48, message))
            {
                return true;
            }

            if (!Check(publicKey96, signature48, message, dst))
            {
                return false;
            }

            verified.Add(publicKey96, signature48, message);
            return true;
        }
    }

    private bool Check(ReadOnlySpan<byte> publicKey96, ReadOnlySpan<byte> signature48, ReadOnlySpan<byte> message, ReadOnlySpan<byte> dst)
    {
        if (!TryDecodeSignature(signature48, out var signature) || keys.Get(publicKey96) is not { } key)
        {
            return false;
        }

        var hash = HashToG1.Hash(message, dst);
        Interlocked.Increment(ref pairingChecks);
        var f = MillerLoop.Evaluate([(signature, NegatedGenerator), (hash, key)]);
        return FinalExponentiation.Apply(f).IsOne;
    }

    /// <inheritdoc />
    public bool VerifyAll(ReadOnlySpan<BlsSignatureCheck> checks) => VerifyAll(checks, Dst, WeightFromRandomNumberGenerator);

    /// <summary>
    /// Small-exponent batch verification: with weights r₀ = 1 and random nonzero 64-bit rᵢ, checks
    /// e(Σ rᵢσᵢ, −g2) · Π e(rᵢH(mᵢ), pkᵢ) = 1. Every signature and key is decoded and subgroup-checked
    /// as in <see cref="Verify(ReadOnlySpan{byte}, ReadOnlySpan{byte}, ReadOnlySpan{byte}, ReadOnlySpan{byte})"/>,
    /// so the product is over prime-order points and an invalid signature passes with probability at
    /// most 2⁻⁶⁴ (exchanged signatures σ₁ ↔ σ₂ pass only when r₁ = 1, which <paramref name="weight"/> must not give).
    /// Triples already remembered as verified leave the batch; one left is checked alone.
    /// </summary>
    internal bool VerifyAll(ReadOnlySpan<BlsSignatureCheck> checks, ReadOnlySpan<byte> dst, Func<ulong> weight)
    {
        foreach (var check in checks)
        {
            if (check.PublicKey96.Length != G2.CompressedLength || check.Signature48.Length != G1.CompressedLength)
            {
                return false;
            }
        }

        var cacheable = dst.SequenceEqual(Dst);
        var pending = new List<BlsSignatureCheck>(checks.Length);
        foreach (var check in checks)
        {
            if (!cacheable || !verified.Contains(check.PublicKey96.Span, check.Signature48.Span, check.Message.Span))
            {
                pending.Add(check);
            }
        }

        if (pending.Count <= 1)
        {
            return pending.Count == 0 || Verify(pending[0].PublicKey96.Span, pending[0].Signature48.Span, pending[0].Message.Span, dst);
        }

        var pairs = new (JacobianPoint<Fp> P, G2Prepared Q)[pending.Count + 1];
        var weightedSignatures = JacobianPoint<Fp>.Infinity;
        for (var i = 0; i < pending.Count; i++)
        {
            var check = pending[i];
            if (!TryDecodeSignature(check.Signature48.Span, out var signature) || keys.Get(check.PublicKey96.Span) is not { } key)
            {
                return false;
            }

            var hash = HashToG1.Hash(check.Message.Span, dst);
            if (i > 0)
            {
                var r = weight();
                if (r is 0 or 1)
                {
                    throw new InvalidOperationException("A batch weight must be at least 2.");
                }

                signature = JacobianPoint<Fp>.MultiplyVartime(signature, r);
                hash = JacobianPoint<Fp>.MultiplyVartime(hash, r);
            }

            weightedSignatures = JacobianPoint<Fp>.Add(weightedSignatures, signature);
            pairs[i + 1] = (hash, key);
        }

        pairs[0] = (weightedSignatures, NegatedGenerator);
        Interlocked.Increment(ref pairingChecks);
        if (!FinalExponentiation.Apply(MillerLoop.Evaluate(pairs)).IsOne)
        {
            return false;
        }

        if (cacheable)
        {
            foreach (var check in pending)
            {
                verified.Add(check.PublicKey96.Span, check.Signature48.Span, check.Message.Span);
            }
        }

        return true;
    }

    /// <summary>A uniformly random 64-bit weight of at least 2 (0 would drop a signature, 1 would let two be exchanged).</summary>
    internal static ulong WeightFromRandomNumberGenerator()
    {
        Span<byte> bytes = stackalloc byte[sizeof(ulong)];
        while (true)
        {
            RandomNumberGenerator.Fill(bytes);
            var r = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(bytes);
            if (r >= 2)
            {
                return r;
            }
        }
    }

    /// <summary>A compressed signature in G1 (subgroup-checked by the decoding), not the point at infinity.</summary>
    private static bool TryDecodeSignature(ReadOnlySpan<byte> signature48, out JacobianPoint<Fp> signature) =>
        G1.TryDecompress(signature48, out signature) && !signature.IsInfinity;
}
