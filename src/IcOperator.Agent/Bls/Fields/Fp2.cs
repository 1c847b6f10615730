using System.Numerics;
using System.Runtime.CompilerServices;

namespace IcOperator.Agent.Bls.Fields;

/// <summary>F_p² = F_p[u]/(u² + 1): c0 + c1·u.</summary>
internal readonly struct Fp2 : IFieldElement<Fp2>, IEquatable<Fp2>
{
    public readonly Fp C0;
    public readonly Fp C1;

    public Fp2(in Fp c0, in Fp c1)
    {
        C0 = c0;
        C1 = c1;
    }

    public static Fp2 Zero => default;

    public static Fp2 One { get; } = new(Fp.One, Fp.Zero);

    public bool IsZero => C0.IsZero && C1.IsZero;

    // (p-3)/4 and (p-1)/2 drive the square root of Adj & Rodríguez-Henríquez (eprint 2012/685, algorithm 9).
    private static readonly ulong[] SqrtExponent1 = Fp.ToLimbs((Fp.Modulus - 3) / 4);
    private static readonly ulong[] SqrtExponent2 = Fp.ToLimbs((Fp.Modulus - 1) / 2);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp2 Add(in Fp2 a, in Fp2 b) => new(Fp.Add(a.C0, b.C0), Fp.Add(a.C1, b.C1));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp2 Subtract(in Fp2 a, in Fp2 b) => new(Fp.Subtract(a.C0, b.C0), Fp.Subtract(a.C1, b.C1));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp2 Double(in Fp2 a) => new(Fp.Double(a.C0), Fp.Double(a.C1));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp2 Negate(in Fp2 a) => new(Fp.Negate(a.C0), Fp.Negate(a.C1));

    /// <summary>Karatsuba: three base-field multiplications.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp2 Multiply(in Fp2 a, in Fp2 b)
    {
        var aa = Fp.Multiply(a.C0, b.C0);
        var bb = Fp.Multiply(a.C1, b.C1);
        var cross = Fp.Multiply(Fp.AddUnreduced(a.C0, a.C1), Fp.AddUnreduced(b.C0, b.C1));
        return new Fp2(Fp.Subtract(aa, bb), Fp.Subtract(Fp.Subtract(cross, aa), bb));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp2 MultiplyByFp(in Fp2 a, in Fp b) => new(Fp.Multiply(a.C0, b), Fp.Multiply(a.C1, b));

    /// <summary>(a + bu)² = (a+b)(a-b) + 2ab·u.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp2 Square(in Fp2 a)
    {
        var t = Fp.Multiply(a.C0, a.C1);
        return new Fp2(Fp.Multiply(Fp.AddUnreduced(a.C0, a.C1), Fp.Subtract(a.C0, a.C1)), Fp.Double(t));
    }

    /// <summary>Multiplication by ξ = u + 1, the non-residue F_p⁶ is built on.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp2 MultiplyByNonResidue(in Fp2 a) => new(Fp.Subtract(a.C0, a.C1), Fp.Add(a.C0, a.C1));

    /// <summary>The p-power Frobenius map, which on F_p² is conjugation.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp2 Conjugate(in Fp2 a) => new(a.C0, Fp.Negate(a.C1));

    public static Fp2 Invert(in Fp2 a)
    {
        var norm = Fp.Add(Fp.Square(a.C0), Fp.Square(a.C1));
        var inv = Fp.Invert(norm);
        return new Fp2(Fp.Multiply(a.C0, inv), Fp.Negate(Fp.Multiply(a.C1, inv)));
    }

    public static Fp2 Pow(in Fp2 a, ReadOnlySpan<ulong> exponentLimbs)
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

    public static Fp2 Pow(in Fp2 a, BigInteger exponent) => Pow(a, Fp.ToLimbs(exponent));

    /// <summary>A square root when one exists (p ≡ 3 mod 4 variant of the complex method).</summary>
    public static bool TrySqrt(in Fp2 a, out Fp2 root)
    {
        if (a.IsZero)
        {
            root = a;
            return true;
        }

        var a1 = Pow(a, SqrtExponent1);
        var alpha = Multiply(Square(a1), a);
        var x0 = Multiply(a1, a);
        if (alpha.Equals(Negate(One)))
        {
            // x0·u
            root = new Fp2(Fp.Negate(x0.C1), x0.C0);
        }
        else
        {
            var b = Pow(Add(alpha, One), SqrtExponent2);
            root = Multiply(b, x0);
        }

        return Square(root).Equals(a);
    }

    /// <summary>ZCash encoding's sign for F_p²: decided by c1, or by c0 when c1 is zero.</summary>
    public bool IsLexicographicallyLargest => C1.IsZero ? C0.IsLexicographicallyLargest : C1.IsLexicographicallyLargest;

    public bool Equals(Fp2 other) => C0.Equals(other.C0) && C1.Equals(other.C1);

    public override bool Equals(object? obj) => obj is Fp2 other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(C0, C1);

    public override string ToString() => $"({C0}, {C1})";

    public static bool operator ==(Fp2 a, Fp2 b) => a.Equals(b);

    public static bool operator !=(Fp2 a, Fp2 b) => !a.Equals(b);
}
