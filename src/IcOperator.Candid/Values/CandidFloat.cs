namespace IcOperator.Candid;

/// <summary>A float32 or float64.</summary>
public sealed class CandidFloat : CandidValue
{
    public CandidFloat(CandidTypeKind kind, double value)
        : this(kind, value, literal: false)
    {
    }

    internal CandidFloat(CandidTypeKind kind, double value, bool literal)
    {
        Kind = kind;
        Value = kind == CandidTypeKind.Float32 ? (float)value : value;
        IsLiteral = literal;
    }

    public CandidTypeKind Kind { get; }

    public double Value { get; }

    internal bool IsLiteral { get; }

    public override bool Equals(CandidValue? other) =>
        other is CandidFloat f && (f.Value.Equals(Value) || (double.IsNaN(f.Value) && double.IsNaN(Value)));

    public override int GetHashCode() => Value.GetHashCode();
}
