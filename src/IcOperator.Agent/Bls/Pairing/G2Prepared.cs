using IcOperator.Agent.Bls.Curves;
using IcOperator.Agent.Bls.Fields;

namespace IcOperator.Agent.Bls.Pairing;

/// <summary>
/// The Miller-loop lines of a G2 point, computed once so that a fixed key (the IC root key, the
/// negated generator) costs nothing per verification. Doubling and addition steps in homogeneous
/// projective coordinates (Costello–Lange–Naehrig, eprint 2009/615), as noble-curves arranges them.
/// </summary>
internal sealed class G2Prepared
{
    private static readonly Fp Half = Fp.Invert(Fp.FromUInt64(2));

    private G2Prepared(LineCoefficients[] lines) => Lines = lines;

    /// <summary>Lines in Miller-loop order: per bit of |x| below the top one, a doubling line, then an addition line when the bit is set.</summary>
    public LineCoefficients[] Lines { get; }

    public bool IsInfinity => Lines.Length == 0;

    public static G2Prepared From(in JacobianPoint<Fp2> q)
    {
        if (q.IsInfinity)
        {
            return new G2Prepared([]);
        }

        var (qx, qy) = q.ToAffine();
        var lines = new List<LineCoefficients>(70);
        var rx = qx;
        var ry = qy;
        var rz = Fp2.One;
        for (var bit = 62; bit >= 0; bit--)
        {
            lines.Add(DoublingStep(ref rx, ref ry, ref rz));
            if (((G1.AbsoluteX >> bit) & 1) == 1)
            {
                lines.Add(AdditionStep(ref rx, ref ry, ref rz, qx, qy));
            }
        }

        return new G2Prepared([.. lines]);
    }

    private static LineCoefficients DoublingStep(ref Fp2 rx, ref Fp2 ry, ref Fp2 rz)
    {
        var t0 = Fp2.Square(ry);
        var t1 = Fp2.Square(rz);
        var t2 = MultiplyByB(Fp2.Add(Fp2.Double(t1), t1));
        var t3 = Fp2.Add(Fp2.Double(t2), t2);
        var t4 = Fp2.Subtract(Fp2.Subtract(Fp2.Square(Fp2.Add(ry, rz)), t1), t0);
        var rxSquared = Fp2.Square(rx);
        var line = new LineCoefficients(
            Fp2.Subtract(t2, t0),
            Fp2.Add(Fp2.Double(rxSquared), rxSquared),
            Fp2.Negate(t4));

        var newX = Fp2.MultiplyByFp(Fp2.Multiply(Fp2.Multiply(Fp2.Subtract(t0, t3), rx), ry), Half);
        var halfSum = Fp2.MultiplyByFp(Fp2.Add(t0, t3), Half);
        var t2Squared = Fp2.Square(t2);
        var newY = Fp2.Subtract(Fp2.Square(halfSum), Fp2.Add(Fp2.Double(t2Squared), t2Squared));
        rx = newX;
        ry = newY;
        rz = Fp2.Multiply(t0, t4);
        return line;
    }

    private static LineCoefficients AdditionStep(ref Fp2 rx, ref Fp2 ry, ref Fp2 rz, in Fp2 qx, in Fp2 qy)
    {
        var t0 = Fp2.Subtract(ry, Fp2.Multiply(qy, rz));
        var t1 = Fp2.Subtract(rx, Fp2.Multiply(qx, rz));
        var line = new LineCoefficients(
            Fp2.Subtract(Fp2.Multiply(t0, qx), Fp2.Multiply(t1, qy)),
            Fp2.Negate(t0),
            t1);

        var t2 = Fp2.Square(t1);
        var t3 = Fp2.Multiply(t2, t1);
        var t4 = Fp2.Multiply(t2, rx);
        var t5 = Fp2.Add(Fp2.Subtract(t3, Fp2.Double(t4)), Fp2.Multiply(Fp2.Square(t0), rz));
        var newY = Fp2.Subtract(Fp2.Multiply(Fp2.Subtract(t4, t5), t0), Fp2.Multiply(t3, ry));
        rx = Fp2.Multiply(t1, t5);
        ry = newY;
        rz = Fp2.Multiply(rz, t3);
        return line;
    }

    // b' = 4(u + 1), the twist's constant.
    private static Fp2 MultiplyByB(in Fp2 a)
    {
        var four0 = Fp.Double(Fp.Double(a.C0));
        var four1 = Fp.Double(Fp.Double(a.C1));
        return new Fp2(Fp.Subtract(four0, four1), Fp.Add(four0, four1));
    }
}
