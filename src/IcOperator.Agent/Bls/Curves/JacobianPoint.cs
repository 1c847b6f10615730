using IcOperator.Agent.Bls.Fields;

namespace IcOperator.Agent.Bls.Curves;

/// <summary>
/// A point on y² = x³ + b over the field T in Jacobian coordinates (x = X/Z², y = Y/Z³); Z = 0 is the
/// point at infinity. Formulas for a = 0 from the Explicit-Formulas Database (dbl-2009-l, add-2007-bl).
/// </summary>
internal readonly struct JacobianPoint<T>
    where T : struct, IFieldElement<T>
{
    public readonly T X;
    public readonly T Y;
    public readonly T Z;

    public JacobianPoint(in T x, in T y, in T z)
    {
        X = x;
        Y = y;
        Z = z;
    }

    public static JacobianPoint<T> Infinity => new(T.One, T.One, T.Zero);

    public static JacobianPoint<T> FromAffine(in T x, in T y) => new(x, y, T.One);

    public bool IsInfinity => Z.IsZero;

    public static JacobianPoint<T> Negate(in JacobianPoint<T> p) => new(p.X, T.Negate(p.Y), p.Z);

    public static JacobianPoint<T> Double(in JacobianPoint<T> p)
    {
        if (p.IsInfinity)
        {
            return p;
        }

        var a = T.Square(p.X);
        var b = T.Square(p.Y);
        var c = T.Square(b);
        var d = T.Double(T.Subtract(T.Subtract(T.Square(T.Add(p.X, b)), a), c));
        var e = T.Add(T.Double(a), a);
        var f = T.Square(e);
        var x3 = T.Subtract(f, T.Double(d));
        var c8 = T.Double(T.Double(T.Double(c)));
        var y3 = T.Subtract(T.Multiply(e, T.Subtract(d, x3)), c8);
        var z3 = T.Double(T.Multiply(p.Y, p.Z));
        return new JacobianPoint<T>(x3, y3, z3);
    }

    public static JacobianPoint<T> Add(in JacobianPoint<T> p, in JacobianPoint<T> q)
    {
        if (p.IsInfinity)
        {
            return q;
        }

        if (q.IsInfinity)
        {
            return p;
        }

        var z1z1 = T.Square(p.Z);
        var z2z2 = T.Square(q.Z);
        var u1 = T.Multiply(p.X, z2z2);
        var u2 = T.Multiply(q.X, z1z1);
        var s1 = T.Multiply(T.Multiply(p.Y, q.Z), z2z2);
        var s2 = T.Multiply(T.Multiply(q.Y, p.Z), z1z1);
        var h = T.Subtract(u2, u1);
        var r = T.Double(T.Subtract(s2, s1));
        if (h.IsZero)
        {
            // Same x: either the same point (double) or opposite points (infinity).
            return r.IsZero ? Double(p) : Infinity;
        }

        var i = T.Square(T.Double(h));
        var j = T.Multiply(h, i);
        var v = T.Multiply(u1, i);
        var x3 = T.Subtract(T.Subtract(T.Square(r), j), T.Double(v));
        var y3 = T.Subtract(T.Multiply(r, T.Subtract(v, x3)), T.Double(T.Multiply(s1, j)));
        var z3 = T.Multiply(T.Subtract(T.Subtract(T.Square(T.Add(p.Z, q.Z)), z1z1), z2z2), h);
        return new JacobianPoint<T>(x3, y3, z3);
    }

    /// <summary>[k]P for a public 64-bit scalar (cofactor clearing, subgroup checks).</summary>
    public static JacobianPoint<T> MultiplyVartime(in JacobianPoint<T> p, ulong k)
    {
        var result = Infinity;
        for (var bit = 63 - System.Numerics.BitOperations.LeadingZeroCount(k); bit >= 0; bit--)
        {
            result = Double(result);
            if (((k >> bit) & 1) == 1)
            {
                result = Add(result, p);
            }
        }

        return result;
    }

    /// <summary>[k]P for a big-endian scalar, with the same sequence of operations for every scalar of that length.</summary>
    public static JacobianPoint<T> Multiply(in JacobianPoint<T> p, ReadOnlySpan<byte> bigEndianScalar)
    {
        // Montgomery ladder: both branches do one addition and one doubling.
        var r0 = Infinity;
        var r1 = p;
        foreach (var b in bigEndianScalar)
        {
            for (var bit = 7; bit >= 0; bit--)
            {
                if (((b >> bit) & 1) == 1)
                {
                    r0 = Add(r0, r1);
                    r1 = Double(r1);
                }
                else
                {
                    r1 = Add(r0, r1);
                    r0 = Double(r0);
                }
            }
        }

        return r0;
    }

    /// <summary>Affine coordinates; only for points other than infinity.</summary>
    public (T X, T Y) ToAffine()
    {
        if (Z.Equals(T.One))
        {
            // Decoded points are already affine; an inversion costs hundreds of multiplications.
            return (X, Y);
        }

        var zInv = T.Invert(Z);
        var zInv2 = T.Square(zInv);
        return (T.Multiply(X, zInv2), T.Multiply(Y, T.Multiply(zInv2, zInv)));
    }

    public bool IsOnCurve(in T b)
    {
        if (IsInfinity)
        {
            return true;
        }

        // Y² = X³ + b·Z⁶
        var z2 = T.Square(Z);
        var z6 = T.Multiply(T.Square(z2), z2);
        var rhs = T.Add(T.Multiply(T.Square(X), X), T.Multiply(b, z6));
        return T.Square(Y).Equals(rhs);
    }

    public bool IsEqualTo(in JacobianPoint<T> q)
    {
        if (IsInfinity || q.IsInfinity)
        {
            return IsInfinity && q.IsInfinity;
        }

        var z1z1 = T.Square(Z);
        var z2z2 = T.Square(q.Z);
        if (!T.Multiply(X, z2z2).Equals(T.Multiply(q.X, z1z1)))
        {
            return false;
        }

        return T.Multiply(T.Multiply(Y, q.Z), z2z2).Equals(T.Multiply(T.Multiply(q.Y, Z), z1z1));
    }
}
