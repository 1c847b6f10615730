using IcOperator.Agent.Bls.Curves;
using IcOperator.Agent.Bls.Fields;

namespace IcOperator.Agent.Bls.Pairing;

/// <summary>
/// f^((p¹²−1)/r): the easy part (p⁶−1)(p²+1) by conjugation, one inversion and Frobenius maps, then
/// the hard part as an addition chain of five exponentiations by x with cyclotomic squarings.
/// </summary>
internal static class FinalExponentiation
{
    public static Fp12 Apply(in Fp12 f)
    {
        var t0 = Fp12.Multiply(Fp12.Conjugate(f), Fp12.Invert(f));
        var t1 = Fp12.Multiply(Fp12.Frobenius(t0, 2), t0);
        var t2 = PowX(t1);
        var t3 = Fp12.Multiply(Fp12.Conjugate(Fp12.CyclotomicSquare(t1)), t2);
        var t4 = PowX(t3);
        var t5 = PowX(t4);
        var t6 = Fp12.Multiply(PowX(t5), Fp12.CyclotomicSquare(t2));
        var t7 = PowX(t6);
        var a = Fp12.Frobenius(Fp12.Multiply(t2, t5), 2);
        var b = Fp12.Frobenius(Fp12.Multiply(t4, t1), 3);
        var c = Fp12.Frobenius(Fp12.Multiply(t6, Fp12.Conjugate(t1)), 1);
        var d = Fp12.Multiply(Fp12.Multiply(t7, Fp12.Conjugate(t3)), t1);
        return Fp12.Multiply(Fp12.Multiply(Fp12.Multiply(a, b), c), d);
    }

    /// <summary>a^x for the negative BLS parameter x, for a in the cyclotomic subgroup.</summary>
    internal static Fp12 PowX(in Fp12 a)
    {
        var result = a;
        for (var bit = 62; bit >= 0; bit--)
        {
            result = Fp12.CyclotomicSquare(result);
            if (((G1.AbsoluteX >> bit) & 1) == 1)
            {
                result = Fp12.Multiply(result, a);
            }
        }

        // Inversion is conjugation in the cyclotomic subgroup.
        return Fp12.Conjugate(result);
    }
}
