namespace IcOperator.Agent.Bls.Fields;

/// <summary>F_p¹² = F_p⁶[w]/(w² − v): c0 + c1·w. Pairing values live here.</summary>
internal readonly struct Fp12 : IEquatable<Fp12>
{
    public readonly Fp6 C0;
    public readonly Fp6 C1;

    public Fp12(in Fp6 c0, in Fp6 c1)
    {
        C0 = c0;
        C1 = c1;
    }

    public static Fp12 One { get; } = new(Fp6.One, Fp6.Zero);

    public bool IsOne => Equals(One);

    // w^p = w·ξ^((p-1)/6).
    private static readonly Fp2 FrobeniusW = Fp2.Pow(new Fp2(Fp.One, Fp.One), (Fp.Modulus - 1) / 6);

    public static Fp12 Multiply(in Fp12 a, in Fp12 b)
    {
        var aa = Fp6.Multiply(a.C0, b.C0);
        var bb = Fp6.Multiply(a.C1, b.C1);
        var c1 = Fp6.Subtract(Fp6.Subtract(Fp6.Multiply(Fp6.Add(a.C0, a.C1), Fp6.Add(b.C0, b.C1)), aa), bb);
        return new Fp12(Fp6.Add(aa, Fp6.MultiplyByNonResidue(bb)), c1);
    }

    /// <summary>Complex squaring: two F_p⁶ multiplications.</summary>
    public static Fp12 Square(in Fp12 a)
    {
        var ab = Fp6.Multiply(a.C0, a.C1);
        var sum = Fp6.Add(a.C0, a.C1);
        var c0 = Fp6.Multiply(Fp6.Add(a.C0, Fp6.MultiplyByNonResidue(a.C1)), sum);
        c0 = Fp6.Subtract(Fp6.Subtract(c0, ab), Fp6.MultiplyByNonResidue(ab));
        return new Fp12(c0, Fp6.Add(ab, ab));
    }

    /// <summary>Multiplication by a line value with non-zero coefficients only at 1, v and v·w.</summary>
    public static Fp12 MultiplyBy014(in Fp12 a, in Fp2 c0, in Fp2 c1, in Fp2 c4)
    {
        var aa = Fp6.MultiplyBy01(a.C0, c0, c1);
        var bb = Fp6.MultiplyBy1(a.C1, c4);
        var cross = Fp6.MultiplyBy01(Fp6.Add(a.C0, a.C1), c0, Fp2.Add(c1, c4));
        return new Fp12(Fp6.Add(Fp6.MultiplyByNonResidue(bb), aa), Fp6.Subtract(Fp6.Subtract(cross, aa), bb));
    }

    /// <summary>The p⁶-power Frobenius map; the inverse for elements of the cyclotomic subgroup.</summary>
    public static Fp12 Conjugate(in Fp12 a) => new(a.C0, Fp6.Negate(a.C1));

    public static Fp12 Invert(in Fp12 a)
    {
        var t = Fp6.Invert(Fp6.Subtract(Fp6.Square(a.C0), Fp6.MultiplyByNonResidue(Fp6.Square(a.C1))));
        return new Fp12(Fp6.Multiply(a.C0, t), Fp6.Negate(Fp6.Multiply(a.C1, t)));
    }

    /// <summary>The p-power Frobenius map.</summary>
    public static Fp12 Frobenius(in Fp12 a)
    {
        var c1 = Fp6.Frobenius(a.C1);
        return new Fp12(
            Fp6.Frobenius(a.C0),
            new Fp6(Fp2.Multiply(c1.C0, FrobeniusW), Fp2.Multiply(c1.C1, FrobeniusW), Fp2.Multiply(c1.C2, FrobeniusW)));
    }

    public static Fp12 Frobenius(in Fp12 a, int times)
    {
        var result = a;
        for (var i = 0; i < times; i++)
        {
            result = Frobenius(result);
        }

        return result;
    }

    /// <summary>
    /// Squaring in the cyclotomic subgroup (Granger–Scott, eprint 2009/565): three F_p⁴ squarings,
    /// valid only for elements already raised to (p⁶−1)(p²+1).
    /// </summary>
    public static Fp12 CyclotomicSquare(in Fp12 f)
    {
        var z0 = f.C0.C0;
        var z4 = f.C0.C1;
        var z3 = f.C0.C2;
        var z2 = f.C1.C0;
        var z1 = f.C1.C1;
        var z5 = f.C1.C2;

        var (t0, t1) = Fp4Square(z0, z1);
        z0 = Fp2.Subtract(t0, z0);
        z0 = Fp2.Add(Fp2.Double(z0), t0);
        z1 = Fp2.Add(t1, z1);
        z1 = Fp2.Add(Fp2.Double(z1), t1);

        var (t2, t3) = Fp4Square(z2, z3);
        var (t4, t5) = Fp4Square(z4, z5);

        z4 = Fp2.Subtract(t2, z4);
        z4 = Fp2.Add(Fp2.Double(z4), t2);
        z5 = Fp2.Add(t3, z5);
        z5 = Fp2.Add(Fp2.Double(z5), t3);

        var t = Fp2.MultiplyByNonResidue(t5);
        z2 = Fp2.Add(t, z2);
        z2 = Fp2.Add(Fp2.Double(z2), t);
        z3 = Fp2.Subtract(t4, z3);
        z3 = Fp2.Add(Fp2.Double(z3), t4);

        return new Fp12(new Fp6(z0, z4, z3), new Fp6(z2, z1, z5));
    }

    private static (Fp2 C0, Fp2 C1) Fp4Square(in Fp2 a, in Fp2 b)
    {
        var t0 = Fp2.Square(a);
        var t1 = Fp2.Square(b);
        var c0 = Fp2.Add(Fp2.MultiplyByNonResidue(t1), t0);
        var c1 = Fp2.Subtract(Fp2.Subtract(Fp2.Square(Fp2.Add(a, b)), t0), t1);
        return (c0, c1);
    }

    public bool Equals(Fp12 other) => C0.Equals(other.C0) && C1.Equals(other.C1);

    public override bool Equals(object? obj) => obj is Fp12 other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(C0, C1);

    public static bool operator ==(Fp12 a, Fp12 b) => a.Equals(b);

    public static bool operator !=(Fp12 a, Fp12 b) => !a.Equals(b);
}
