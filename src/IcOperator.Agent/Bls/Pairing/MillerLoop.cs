using IcOperator.Agent.Bls.Curves;
using IcOperator.Agent.Bls.Fields;

namespace IcOperator.Agent.Bls.Pairing;

/// <summary>
/// The optimal ate Miller loop over |x| for several pairs at once, so a product of pairings shares
/// one chain of F_p¹² squarings (and, in the caller, one final exponentiation).
/// </summary>
internal static class MillerLoop
{
    public static Fp12 Evaluate(ReadOnlySpan<(JacobianPoint<Fp> P, G2Prepared Q)> pairs)
    {
        Span<(Fp X, Fp Y)> affine = stackalloc (Fp, Fp)[pairs.Length];
        var active = new List<int>(pairs.Length);
        for (var i = 0; i < pairs.Length; i++)
        {
            // A pair with infinity on either side contributes the factor 1.
            if (!pairs[i].P.IsInfinity && !pairs[i].Q.IsInfinity)
            {
                affine[i] = pairs[i].P.ToAffine();
                active.Add(i);
            }
        }

        var f = Fp12.One;
        var lineIndex = 0;
        for (var bit = 62; bit >= 0; bit--)
        {
            if (bit != 62)
            {
                f = Fp12.Square(f);
            }

            var steps = ((G1.AbsoluteX >> bit) & 1) == 1 ? 2 : 1;
            foreach (var i in active)
            {
                var lines = pairs[i].Q.Lines;
                for (var s = 0; s < steps; s++)
                {
                    var line = lines[lineIndex + s];
                    f = Fp12.MultiplyBy014(f, line.C0, Fp2.MultiplyByFp(line.C1, affine[i].X), Fp2.MultiplyByFp(line.C2, affine[i].Y));
                }
            }

            lineIndex += steps;
        }

        // x is negative.
        return Fp12.Conjugate(f);
    }
}
