using IcOperator.Agent.Bls.Fields;

namespace IcOperator.Agent.Bls.Curves;

/// <summary>
/// The group G2 ⊂ E'(F_p²), E': y² = x³ + 4(u + 1), where the IC's public keys live; compressed
/// as 96 bytes, x.c1 then x.c0, with the ZCash flags in the first byte.
/// </summary>
internal static class G2
{
    public const int CompressedLength = 96;

    public static Fp2 B { get; } = new(Fp.FromUInt64(4), Fp.FromUInt64(4));

    public static JacobianPoint<Fp2> Generator { get; } = JacobianPoint<Fp2>.FromAffine(
        new Fp2(
            Fp.FromBigInteger(G1.ParseHex("024aa2b2f08f0a91260805272dc51051c6e47ad4fa403b02b4510b647ae3d1770bac0326a805bbefd48056c8c121bdb8")),
            Fp.FromBigInteger(G1.ParseHex("13e02b6052719f607dacd3a088274f65596bd0d09920b61ab5da61bbdc7f5049334cf11213945d57e5ac7d055d042b7e"))),
        new Fp2(
            Fp.FromBigInteger(G1.ParseHex("0ce5d527727d6e118cc9cdc6da2e351aadfd9baa8cbdd3a76d429a695160d12c923ac9cc3baca289e193548608b82801")),
            Fp.FromBigInteger(G1.ParseHex("0606c4a02ea734cc32acd2b02bc28b99cb3e287e85a763af267492ab572e99ab3f370d275cec1da1aaa9075ff05f79be"))));

    // ψ = twist⁻¹ ∘ Frobenius ∘ twist: ψ(x, y) = (x̄·(u+1)^−(p−1)/3, ȳ·(u+1)^−(p−1)/2).
    private static readonly Fp2 PsiX = Fp2.Pow(Fp2.Invert(new Fp2(Fp.One, Fp.One)), (Fp.Modulus - 1) / 3);
    private static readonly Fp2 PsiY = Fp2.Pow(Fp2.Invert(new Fp2(Fp.One, Fp.One)), (Fp.Modulus - 1) / 2);

    public static JacobianPoint<Fp2> Psi(in JacobianPoint<Fp2> p) => new(
        Fp2.Multiply(Fp2.Conjugate(p.X), PsiX),
        Fp2.Multiply(Fp2.Conjugate(p.Y), PsiY),
        Fp2.Conjugate(p.Z));

    /// <summary>Membership of the order-r subgroup: ψ(P) = [x]P (Scott, eprint 2021/1130, §4).</summary>
    public static bool IsInSubgroup(in JacobianPoint<Fp2> p)
    {
        if (p.IsInfinity)
        {
            return true;
        }

        var xp = JacobianPoint<Fp2>.Negate(JacobianPoint<Fp2>.MultiplyVartime(p, G1.AbsoluteX));
        return Psi(p).IsEqualTo(xp);
    }

    /// <summary>
    /// Decodes a compressed point, checking the flags, both coordinates &lt; p, that the point is on
    /// the curve and in G2. The point at infinity decodes (callers that must not accept it check for it).
    /// </summary>
    public static bool TryDecompress(ReadOnlySpan<byte> bytes, out JacobianPoint<Fp2> point)
    {
        point = JacobianPoint<Fp2>.Infinity;
        if (bytes.Length != CompressedLength || !PointEncoding.TryReadFlags(bytes, out var flags))
        {
            return false;
        }

        Span<byte> xBytes = stackalloc byte[CompressedLength];
        bytes.CopyTo(xBytes);
        xBytes[0] &= PointEncoding.ValueMask;
        if (flags.Infinity)
        {
            return !flags.Sign && PointEncoding.IsAllZero(xBytes);
        }

        if (!Fp.TryFromBigEndian(xBytes[..Fp.ByteLength], out var xc1) || !Fp.TryFromBigEndian(xBytes[Fp.ByteLength..], out var xc0))
        {
            return false;
        }

        var x = new Fp2(xc0, xc1);
        var y2 = Fp2.Add(Fp2.Multiply(Fp2.Square(x), x), B);
        if (!Fp2.TrySqrt(y2, out var y))
        {
            return false;
        }

        if (y.IsLexicographicallyLargest != flags.Sign)
        {
            y = Fp2.Negate(y);
        }

        point = JacobianPoint<Fp2>.FromAffine(x, y);
        return IsInSubgroup(point);
    }

    public static byte[] Compress(in JacobianPoint<Fp2> point)
    {
        var bytes = new byte[CompressedLength];
        if (point.IsInfinity)
        {
            bytes[0] = PointEncoding.CompressedFlag | PointEncoding.InfinityFlag;
            return bytes;
        }

        var (x, y) = point.ToAffine();
        x.C1.WriteBigEndian(bytes);
        x.C0.WriteBigEndian(bytes.AsSpan(Fp.ByteLength));
        bytes[0] |= PointEncoding.CompressedFlag;
        if (y.IsLexicographicallyLargest)
        {
            bytes[0] |= PointEncoding.SignFlag;
        }

        return bytes;
    }
}
