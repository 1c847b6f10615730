using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace IcOperator.Agent.Bls.Fields;

/// <summary>
/// An element of the BLS12-381 base field F_p, held as six little-endian 64-bit limbs in Montgomery
/// form (a·2^384 mod p), always fully reduced so that equal elements have equal limbs.
/// </summary>
internal readonly struct Fp : IFieldElement<Fp>, IEquatable<Fp>
{
    // p, little-endian limbs.
    private const ulong P0 = 0xb9feffffffffaaab, P1 = 0x1eabfffeb153ffff, P2 = 0x6730d2a0f6b0f624;
    private const ulong P3 = 0x64774b84f38512bf, P4 = 0x4b1ba7b6434bacd7, P5 = 0x1a0111ea397fe69a;

    // -p^-1 mod 2^64, the Montgomery reduction factor.
    private const ulong Inv = 0x89f3fffcfffcfffd;

    public const int ByteLength = 48;

    internal readonly ulong l0, l1, l2, l3, l4, l5;

    internal Fp(ulong l0, ulong l1, ulong l2, ulong l3, ulong l4, ulong l5)
    {
        this.l0 = l0;
        this.l1 = l1;
        this.l2 = l2;
        this.l3 = l3;
        this.l4 = l4;
        this.l5 = l5;
    }

    public static BigInteger Modulus { get; } = BigInteger.Parse(
        "01a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab",
        System.Globalization.NumberStyles.HexNumber);

    // R^2 mod p converts a canonical value into Montgomery form with one multiplication.
    private static readonly Fp RSquared = FromLimbsUnchecked(BigInteger.ModPow(2, 768, Modulus));

    public static Fp Zero => default;

    public static Fp One { get; } = FromLimbsUnchecked(BigInteger.ModPow(2, 384, Modulus));

    // (p+1)/4: square roots, since p ≡ 3 (mod 4).
    private static readonly ulong[] SqrtExponent = ToLimbs((Modulus + 1) / 4);

    // p-2: inversion by Fermat's little theorem.
    private static readonly ulong[] InverseExponent = ToLimbs(Modulus - 2);

    public bool IsZero => (l0 | l1 | l2 | l3 | l4 | l5) == 0;

    public bool IsOne => Equals(One);

    /// <summary>An element from a value below p (any sign is reduced modulo p).</summary>
    public static Fp FromBigInteger(BigInteger value)
    {
        var reduced = BigInteger.Remainder(value, Modulus);
        if (reduced.Sign < 0)
        {
            reduced += Modulus;
        }

        return Multiply(FromLimbsUnchecked(reduced), RSquared);
    }

    public static Fp FromUInt64(ulong value) => Multiply(new Fp(value, 0, 0, 0, 0, 0), RSquared);

    /// <summary>Reads a 48-byte big-endian canonical encoding; false when the value is not below p.</summary>
    public static bool TryFromBigEndian(ReadOnlySpan<byte> bytes, out Fp value)
    {
        if (bytes.Length != ByteLength)
        {
            throw new ArgumentException($"A field element takes {ByteLength} bytes, found {bytes.Length}.", nameof(bytes));
        }

        var raw = new Fp(
            BinaryPrimitives.ReadUInt64BigEndian(bytes[40..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[32..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes));
        if (!raw.IsBelowModulus())
        {
            value = default;
            return false;
        }

        value = Multiply(raw, RSquared);
        return true;
    }

    /// <summary>Reduces a big-endian integer of up to 64 bytes modulo p (hash_to_field's OS2IP mod p).</summary>
    public static Fp FromBigEndianWide(ReadOnlySpan<byte> bytes)
    {
        // hi·2^256 + lo with both halves below 2^256 < p, so each half is already canonical.
        Span<byte> padded = stackalloc byte[64];
        padded.Clear();
        bytes.CopyTo(padded[(64 - bytes.Length)..]);
        var hi = Multiply(ReadLimbs256(padded[..32]), RSquared);
        var lo = Multiply(ReadLimbs256(padded[32..]), RSquared);
        return Add(Multiply(hi, TwoTo256), lo);
    }

    private static readonly Fp TwoTo256 = Multiply(new Fp(0, 0, 0, 0, 1, 0), RSquared);

    private static Fp ReadLimbs256(ReadOnlySpan<byte> be32) => new(
        BinaryPrimitives.ReadUInt64BigEndian(be32[24..]),
        BinaryPrimitives.ReadUInt64BigEndian(be32[16..]),
        BinaryPrimitives.ReadUInt64BigEndian(be32[8..]),
        BinaryPrimitives.ReadUInt64BigEndian(be32),
        0,
        0);

    /// <summary>Writes the canonical 48-byte big-endian encoding.</summary>
    public void WriteBigEndian(Span<byte> destination)
    {
        var c = ToCanonical();
        BinaryPrimitives.WriteUInt64BigEndian(destination, c.l5);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], c.l4);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], c.l3);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], c.l2);
        BinaryPrimitives.WriteUInt64BigEndian(destination[32..], c.l1);
        BinaryPrimitives.WriteUInt64BigEndian(destination[40..], c.l0);
    }

    public byte[] ToBigEndian()
    {
        var bytes = new byte[ByteLength];
        WriteBigEndian(bytes);
        return bytes;
    }

    public BigInteger ToBigInteger() => new(ToBigEndian(), isUnsigned: true, isBigEndian: true);

    /// <summary>RFC 9380 sgn0: the parity of the canonical value.</summary>
    public bool Sgn0 => (ToCanonical().l0 & 1) == 1;

    /// <summary>ZCash encoding's sign: true when the value is greater than (p-1)/2.</summary>
    public bool IsLexicographicallyLargest
    {
        get
        {
            // v > (p-1)/2  ⇔  2v > p-1  ⇔  2v ≥ p; 2v fits in 384 bits because p < 2^381.
            var c = ToCanonical();
            var d = new Fp(c.l0 << 1, (c.l1 << 1) | (c.l0 >> 63), (c.l2 << 1) | (c.l1 >> 63), (c.l3 << 1) | (c.l2 >> 63), (c.l4 << 1) | (c.l3 >> 63), (c.l5 << 1) | (c.l4 >> 63));
            return !d.IsBelowModulus();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp Add(in Fp a, in Fp b)
    {
        ulong carry = 0;
        var r0 = AddCarry(a.l0, b.l0, ref carry);
        var r1 = AddCarry(a.l1, b.l1, ref carry);
        var r2 = AddCarry(a.l2, b.l2, ref carry);
        var r3 = AddCarry(a.l3, b.l3, ref carry);
        var r4 = AddCarry(a.l4, b.l4, ref carry);
        var r5 = AddCarry(a.l5, b.l5, ref carry);
        return SubtractModulusIfNeeded(r0, r1, r2, r3, r4, r5);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp Subtract(in Fp a, in Fp b)
    {
        ulong borrow = 0;
        var r0 = SubBorrow(a.l0, b.l0, ref borrow);
        var r1 = SubBorrow(a.l1, b.l1, ref borrow);
        var r2 = SubBorrow(a.l2, b.l2, ref borrow);
        var r3 = SubBorrow(a.l3, b.l3, ref borrow);
        var r4 = SubBorrow(a.l4, b.l4, ref borrow);
        var r5 = SubBorrow(a.l5, b.l5, ref borrow);

        // Add p back when the difference went negative, with a mask instead of a branch the CPU would mispredict half the time.
        var mask = 0 - borrow;
        ulong carry = 0;
        r0 = AddCarry(r0, P0 & mask, ref carry);
        r1 = AddCarry(r1, P1 & mask, ref carry);
        r2 = AddCarry(r2, P2 & mask, ref carry);
        r3 = AddCarry(r3, P3 & mask, ref carry);
        r4 = AddCarry(r4, P4 & mask, ref carry);
        r5 = AddCarry(r5, P5 & mask, ref carry);
        return new Fp(r0, r1, r2, r3, r4, r5);
    }

    /// <summary>
    /// a + b without the final reduction: below 2p &lt; 2^382. Only for operands of
    /// <see cref="Multiply"/>, which stays correct for inputs below 2p (the product of two such
    /// inputs divided by 2^384 is below p/2, so one conditional subtraction still fully reduces).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp AddUnreduced(in Fp a, in Fp b)
    {
        ulong carry = 0;
        var r0 = AddCarry(a.l0, b.l0, ref carry);
        var r1 = AddCarry(a.l1, b.l1, ref carry);
        var r2 = AddCarry(a.l2, b.l2, ref carry);
        var r3 = AddCarry(a.l3, b.l3, ref carry);
        var r4 = AddCarry(a.l4, b.l4, ref carry);
        return new Fp(r0, r1, r2, r3, r4, AddCarry(a.l5, b.l5, ref carry));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp Double(in Fp a) => Add(a, a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp Negate(in Fp a) => a.IsZero ? a : Subtract(default, a);

    /// <summary>Montgomery multiplication (CIOS; p's top limb leaves room to skip the extra carry word).</summary>
    public static Fp Multiply(in Fp a, in Fp b)
    {
        ulong t0 = 0, t1 = 0, t2 = 0, t3 = 0, t4 = 0, t5 = 0;
        Row(ref t0, ref t1, ref t2, ref t3, ref t4, ref t5, a, b.l0);
        Row(ref t0, ref t1, ref t2, ref t3, ref t4, ref t5, a, b.l1);
        Row(ref t0, ref t1, ref t2, ref t3, ref t4, ref t5, a, b.l2);
        Row(ref t0, ref t1, ref t2, ref t3, ref t4, ref t5, a, b.l3);
        Row(ref t0, ref t1, ref t2, ref t3, ref t4, ref t5, a, b.l4);
        Row(ref t0, ref t1, ref t2, ref t3, ref t4, ref t5, a, b.l5);
        return SubtractModulusIfNeeded(t0, t1, t2, t3, t4, t5);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Row(ref ulong t0, ref ulong t1, ref ulong t2, ref ulong t3, ref ulong t4, ref ulong t5, in Fp a, ulong bi)
    {
        ulong carryA = 0, carryM = 0;
        t0 = MulAdd(t0, a.l0, bi, ref carryA);
        var m = t0 * Inv;
        _ = MulAdd(t0, m, P0, ref carryM);
        t1 = MulAdd(t1, a.l1, bi, ref carryA);
        t0 = MulAdd(t1, m, P1, ref carryM);
        t2 = MulAdd(t2, a.l2, bi, ref carryA);
        t1 = MulAdd(t2, m, P2, ref carryM);
        t3 = MulAdd(t3, a.l3, bi, ref carryA);
        t2 = MulAdd(t3, m, P3, ref carryM);
        t4 = MulAdd(t4, a.l4, bi, ref carryA);
        t3 = MulAdd(t4, m, P4, ref carryM);
        t5 = MulAdd(t5, a.l5, bi, ref carryA);
        t4 = MulAdd(t5, m, P5, ref carryM);
        t5 = carryM + carryA;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp Square(in Fp a) => Multiply(a, a);

    public static Fp Pow(in Fp a, ReadOnlySpan<ulong> exponentLimbs)
    {
        var result = One;
        for (var i = exponentLimbs.Length - 1; i >= 0; i--)
        {
            for (var bit = 63; bit >= 0; bit--)
            {
                result = Square(result);
                if (((exponentLimbs[i] >> bit) & 1) == 1)
                {
                    result = Multiply(result, a);
                }
            }
        }

        return result;
    }

    /// <summary>The inverse; zero maps to zero (callers check for zero where it matters).</summary>
    public static Fp Invert(in Fp a) => Pow(a, InverseExponent);

    /// <summary>A square root when one exists.</summary>
    public static bool TrySqrt(in Fp a, out Fp root)
    {
        root = Pow(a, SqrtExponent);
        return Square(root).Equals(a);
    }

    public bool Equals(Fp other) =>
        l0 == other.l0 && l1 == other.l1 && l2 == other.l2 && l3 == other.l3 && l4 == other.l4 && l5 == other.l5;

    public override bool Equals(object? obj) => obj is Fp other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(l0, l1, l2, l3, l4, l5);

    public override string ToString() => "0x" + Convert.ToHexStringLower(ToBigEndian());

    public static bool operator ==(Fp a, Fp b) => a.Equals(b);

    public static bool operator !=(Fp a, Fp b) => !a.Equals(b);

    private Fp ToCanonical() => Multiply(this, new Fp(1, 0, 0, 0, 0, 0));

    private bool IsBelowModulus()
    {
        ulong borrow = 0;
        _ = SubBorrow(l0, P0, ref borrow);
        _ = SubBorrow(l1, P1, ref borrow);
        _ = SubBorrow(l2, P2, ref borrow);
        _ = SubBorrow(l3, P3, ref borrow);
        _ = SubBorrow(l4, P4, ref borrow);
        _ = SubBorrow(l5, P5, ref borrow);
        return borrow == 1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Fp SubtractModulusIfNeeded(ulong r0, ulong r1, ulong r2, ulong r3, ulong r4, ulong r5)
    {
        ulong borrow = 0;
        var s0 = SubBorrow(r0, P0, ref borrow);
        var s1 = SubBorrow(r1, P1, ref borrow);
        var s2 = SubBorrow(r2, P2, ref borrow);
        var s3 = SubBorrow(r3, P3, ref borrow);
        var s4 = SubBorrow(r4, P4, ref borrow);
        var s5 = SubBorrow(r5, P5, ref borrow);

        // Keep r when r − p borrowed (r < p), else r − p; selected by mask, not by a branch.
        var keep = 0 - borrow;
        return new Fp(
            (r0 & keep) | (s0 & ~keep),
            (r1 & keep) | (s1 & ~keep),
            (r2 & keep) | (s2 & ~keep),
            (r3 & keep) | (s3 & ~keep),
            (r4 & keep) | (s4 & ~keep),
            (r5 & keep) | (s5 & ~keep));
    }

    /// <summary>acc + a·b + carry; returns the low word and leaves the high word in carry.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong MulAdd(ulong acc, ulong a, ulong b, ref ulong carry)
    {
        var hi = MultiplyHigh(a, b);
        var lo = a * b;
        lo += acc;
        hi += lo < acc ? 1UL : 0UL;
        lo += carry;
        hi += lo < carry ? 1UL : 0UL;
        carry = hi;
        return lo;
    }

    /// <summary>The high word of a·b. Math.BigMul's out parameter sends the low word through memory; a plain multiply keeps it in a register.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong MultiplyHigh(ulong a, ulong b)
    {
        if (Bmi2.X64.IsSupported)
        {
            return Bmi2.X64.MultiplyNoFlags(a, b);
        }

        if (ArmBase.Arm64.IsSupported)
        {
            return ArmBase.Arm64.MultiplyHigh(a, b);
        }

        return Math.BigMul(a, b, out _);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong AddCarry(ulong a, ulong b, ref ulong carry)
    {
        var sum = a + b;
        var c = sum < a ? 1UL : 0UL;
        var result = sum + carry;
        c += result < sum ? 1UL : 0UL;
        carry = c;
        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong SubBorrow(ulong a, ulong b, ref ulong borrow)
    {
        var diff = a - b;
        var bo = a < b ? 1UL : 0UL;
        var result = diff - borrow;
        bo += diff < borrow ? 1UL : 0UL;
        borrow = bo;
        return result;
    }

    internal static ulong[] ToLimbs(BigInteger value)
    {
        var bytes = value.ToByteArray(isUnsigned: true, isBigEndian: false);
        var limbs = new ulong[(bytes.Length + 7) / 8];
        for (var i = 0; i < bytes.Length; i++)
        {
            limbs[i / 8] |= (ulong)bytes[i] << (8 * (i % 8));
        }

        return limbs;
    }

    private static Fp FromLimbsUnchecked(BigInteger value)
    {
        var limbs = ToLimbs(value);
        Span<ulong> six = stackalloc ulong[6];
        six.Clear();
        limbs.AsSpan().CopyTo(six);
        return new Fp(six[0], six[1], six[2], six[3], six[4], six[5]);
    }
}
