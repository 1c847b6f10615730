using IcOperator.Agent.Bls.Fields;

namespace IcOperator.Agent.Bls.Curves;

/// <summary>
/// The group G1 ⊂ E(F_p), E: y² = x³ + 4, where the IC's signatures live; its compressed encoding
/// is the ZCash format (48 bytes, flags in the top three bits of the first byte).
/// </summary>
internal static class G1
{
    public const int CompressedLength = 48;

    /// <summary>|x| for the BLS parameter x = −0xd201000000010000.</summary>
    public const ulong AbsoluteX = 0xd201000000010000;

    public static Fp B { get; } = Fp.FromUInt64(4);

    public static JacobianPoint<Fp> Generator { get; } = JacobianPoint<Fp>.FromAffine(
        Fp.FromBigInteger(ParseHex("17f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb")),
        Fp.FromBigInteger(ParseHex("08b3f481e3aaa0f1a09e30ed741d8ae4fcf5e095d5d00af600db18cb2c04b3edd03cc744a2888ae40caa232946c5e7e1")));

    // The cube root of unity β for which φ(x, y) = (βx, y) acts on G1 as multiplication by −x².
    private static readonly Fp Beta = Fp.FromBigInteger(ParseHex(
        "5f19672fdf76ce51ba69c6076a0f77eaddb3a93be6f89688de17d813620a00022e01fffffffefffe"));

    /// <summary>Membership of the order-r subgroup: φ(P) = [−x²]P (Scott, eprint 2021/1130, §6).</summary>
    public static bool IsInSubgroup(in JacobianPoint<Fp> p)
    {
        if (p.IsInfinity)
        {
            return true;
        }

        var xp = JacobianPoint<Fp>.MultiplyVartime(p, AbsoluteX);
        var minusX2P = JacobianPoint<Fp>.Negate(JacobianPoint<Fp>.MultiplyVartime(xp, AbsoluteX));
        var phi = new JacobianPoint<Fp>(Fp.Multiply(p.X, Beta), p.Y, p.Z);
        return phi.IsEqualTo(minusX2P);
    }

    /// <summary>
    /// Decodes a compressed point, checking the flags, x &lt; p, that the point is on the curve and in
    /// G1. The point at infinity decodes (callers that must not accept it check for it).
    /// </summary>
    public static bool TryDecompress(ReadOnlySpan<byte> bytes, out JacobianPoint<Fp> point)
    {
        point = JacobianPoint<Fp>.Infinity;
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

        if (!Fp.TryFromBigEndian(xBytes, out var x))
        {
            return false;
        }

        var y2 = Fp.Add(Fp.Multiply(Fp.Square(x), x), B);
        if (!Fp.TrySqrt(y2, out var y))
        {
            return false;
        }

        if (y.IsLexicographicallyLargest != flags.Sign)
        {
            y = Fp.Negate(y);
        }

        point = JacobianPoint<Fp>.FromAffine(x, y);
        return IsInSubgroup(point);
    }

    public static byte[] Compress(in JacobianPoint<Fp> point)
    {
        var bytes = new byte[CompressedLength];
        if (point.IsInfinity)
        {
            bytes[0] = PointEncoding.CompressedFlag | PointEncoding.InfinityFlag;
            return bytes;
        }

        var (x, y) = point.ToAffine();
        x.WriteBigEndian(bytes);
        bytes[0] |= PointEncoding.CompressedFlag;
        if (y.IsLexicographicallyLargest)
        {
            bytes[0] |= PointEncoding.SignFlag;
        }

        return bytes;
    }

    internal static System.Numerics.BigInteger ParseHex(string hex) =>
        new(Convert.FromHexString(hex), isUnsigned: true, isBigEndian: true);
}
