using System.Runtime.CompilerServices;

namespace IcOperator.Agent.Bls.Fields;

/// <summary>F_p⁶ = F_p²[v]/(v³ − ξ) with ξ = u + 1: c0 + c1·v + c2·v².</summary>
internal readonly struct Fp6 : IEquatable<Fp6>
{
    public readonly Fp2 C0;
    public readonly Fp2 C1;
    public readonly Fp2 C2;

    public Fp6(in Fp2 c0, in Fp2 c1, in Fp2 c2)
    {
        C0 = c0;
        C1 = c1;
        C2 = c2;
    }

    public static Fp6 Zero => default;

    public static Fp6 One { get; } = new(Fp2.One, Fp2.Zero, Fp2.Zero);

    public bool IsZero => C0.IsZero && C1.IsZero && C2.IsZero;

    // v^p = v·ξ^((p-1)/3) and (v²)^p = v²·ξ^(2(p-1)/3).
    private static readonly Fp2 FrobeniusC1 = Fp2.Pow(new Fp2(Fp.One, Fp.One), (Fp.Modulus - 1) / 3);
    private static readonly Fp2 FrobeniusC2 = Fp2.Pow(new Fp2(Fp.One, Fp.One), 2 * (Fp.Modulus - 1) / 3);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp6 Add(in Fp6 a, in Fp6 b) => new(Fp2.Add(a.C0, b.C0), Fp2.Add(a.C1, b.C1), Fp2.Add(a.C2, b.C2));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp6 Subtract(in Fp6 a, in Fp6 b) => new(Fp2.Subtract(a.C0, b.C0), Fp2.Subtract(a.C1, b.C1), Fp2.Subtract(a.C2, b.C2));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp6 Negate(in Fp6 a) => new(Fp2.Negate(a.C0), Fp2.Negate(a.C1), Fp2.Negate(a.C2));

    /// <summary>Karatsuba over three coefficients: six F_p² multiplications.</summary>
    public static Fp6 Multiply(in Fp6 a, in Fp6 b)
    {
        var aa = Fp2.Multiply(a.C0, b.C0);
        var bb = Fp2.Multiply(a.C1, b.C1);
        var cc = Fp2.Multiply(a.C2, b.C2);

        // a1b2 + a2b1
        var t1 = Fp2.Subtract(Fp2.Subtract(Fp2.Multiply(Fp2.Add(a.C1, a.C2), Fp2.Add(b.C1, b.C2)), bb), cc);

        // a0b1 + a1b0
        var t2 = Fp2.Subtract(Fp2.Subtract(Fp2.Multiply(Fp2.Add(a.C0, a.C1), Fp2.Add(b.C0, b.C1)), aa), bb);

        // a0b2 + a2b0
        var t3 = Fp2.Subtract(Fp2.Subtract(Fp2.Multiply(Fp2.Add(a.C0, a.C2), Fp2.Add(b.C0, b.C2)), aa), cc);

        return new Fp6(
            Fp2.Add(aa, Fp2.MultiplyByNonResidue(t1)),
            Fp2.Add(t2, Fp2.MultiplyByNonResidue(cc)),
            Fp2.Add(t3, bb));
    }

    /// <summary>Chung–Hasan SQR2: two multiplications and three squarings in F_p².</summary>
    public static Fp6 Square(in Fp6 a)
    {
        var s0 = Fp2.Square(a.C0);
        var ab = Fp2.Multiply(a.C0, a.C1);
        var s1 = Fp2.Double(ab);
        var s2 = Fp2.Square(Fp2.Add(Fp2.Subtract(a.C0, a.C1), a.C2));
        var bc = Fp2.Multiply(a.C1, a.C2);
        var s3 = Fp2.Double(bc);
        var s4 = Fp2.Square(a.C2);
        return new Fp6(
            Fp2.Add(Fp2.MultiplyByNonResidue(s3), s0),
            Fp2.Add(Fp2.MultiplyByNonResidue(s4), s1),
            Fp2.Subtract(Fp2.Subtract(Fp2.Add(Fp2.Add(s1, s2), s3), s0), s4));
    }

    /// <summary>Multiplication by v: (c0, c1, c2) → (ξ·c2, c0, c1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp6 MultiplyByNonResidue(in Fp6 a) => new(Fp2.MultiplyByNonResidue(a.C2), a.C0, a.C1);

    /// <summary>Multiplication by the sparse element b0 + b1·v.</summary>
    public static Fp6 MultiplyBy01(in Fp6 a, in Fp2 b0, in Fp2 b1)
    {
        var aa = Fp2.Multiply(a.C0, b0);
        var bb = Fp2.Multiply(a.C1, b1);
        var c0 = Fp2.Add(Fp2.MultiplyByNonResidue(Fp2.Multiply(a.C2, b1)), aa);
        var c1 = Fp2.Subtract(Fp2.Subtract(Fp2.Multiply(Fp2.Add(a.C0, a.C1), Fp2.Add(b0, b1)), aa), bb);
        var c2 = Fp2.Add(Fp2.Multiply(a.C2, b0), bb);
        return new Fp6(c0, c1, c2);
    }

    /// <summary>Multiplication by the sparse element b1·v.</summary>
    public static Fp6 MultiplyBy1(in Fp6 a, in Fp2 b1) =>
        new(Fp2.MultiplyByNonResidue(Fp2.Multiply(a.C2, b1)), Fp2.Multiply(a.C0, b1), Fp2.Multiply(a.C1, b1));

    public static Fp6 Invert(in Fp6 a)
    {
        var c0 = Fp2.Subtract(Fp2.Square(a.C0), Fp2.MultiplyByNonResidue(Fp2.Multiply(a.C1, a.C2)));
        var c1 = Fp2.Subtract(Fp2.MultiplyByNonResidue(Fp2.Square(a.C2)), Fp2.Multiply(a.C0, a.C1));
        var c2 = Fp2.Subtract(Fp2.Square(a.C1), Fp2.Multiply(a.C0, a.C2));
        var t = Fp2.Add(
            Fp2.MultiplyByNonResidue(Fp2.Add(Fp2.Multiply(a.C1, c2), Fp2.Multiply(a.C2, c1))),
            Fp2.Multiply(a.C0, c0));
        var inv = Fp2.Invert(t);
        return new Fp6(Fp2.Multiply(c0, inv), Fp2.Multiply(c1, inv), Fp2.Multiply(c2, inv));
    }

    /// <summary>The p-power Frobenius map.</summary>
    public static Fp6 Frobenius(in Fp6 a) => new(
        Fp2.Conjugate(a.C0),
        Fp2.Multiply(Fp2.Conjugate(a.C1), FrobeniusC1),
        Fp2.Multiply(Fp2.Conjugate(a.C2), FrobeniusC2));

    public bool Equals(Fp6 other) => C0.Equals(other.C0) && C1.Equals(other.C1) && C2.Equals(other.C2);

    public override bool Equals(object? obj) => obj is Fp6 other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(C0, C1, C2);

    public static bool operator ==(Fp6 a, Fp6 b) => a.Equals(b);

    public static bool operator !=(Fp6 a, Fp6 b) => !a.Equals(b);
}
