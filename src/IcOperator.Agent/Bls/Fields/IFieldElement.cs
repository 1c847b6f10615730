namespace IcOperator.Agent.Bls.Fields;

/// <summary>
/// The field operations curve arithmetic needs, so one point implementation serves G1 (over F_p) and
/// G2 (over F_p²); the JIT specialises each struct instantiation, so the calls stay direct.
/// </summary>
internal interface IFieldElement<T>
    where T : struct, IFieldElement<T>
{
    static abstract T Zero { get; }

    static abstract T One { get; }

    bool IsZero { get; }

    static abstract T Add(in T a, in T b);

    static abstract T Subtract(in T a, in T b);

    static abstract T Double(in T a);

    static abstract T Negate(in T a);

    static abstract T Multiply(in T a, in T b);

    static abstract T Square(in T a);

    static abstract T Invert(in T a);

    bool Equals(T other);
}
