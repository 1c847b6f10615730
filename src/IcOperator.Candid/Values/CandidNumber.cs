using System.Numerics;

namespace IcOperator.Candid;

/// <summary>An integer of kind nat, int, nat8…nat64 or int8…int64.</summary>
public sealed class CandidNumber : CandidValue
{
    public CandidNumber(CandidTypeKind kind, BigInteger value)
        : this(kind, value, literal: false)
    {
    }

    internal CandidNumber(CandidTypeKind kind, BigInteger value, bool literal)
    {
        if (!NumberRange.Fits(kind, value))
        {
            throw new CandidException($"{value} is out of range for {TypePrinter.PrimitiveName(kind)}");
        }

        Kind = kind;
        Value = value;
        IsLiteral = literal;
    }

    public CandidTypeKind Kind { get; }

    public BigInteger Value { get; }

    /// <summary>True for an unannotated number in Candid text, which fits any number type it is in range of.</summary>
    internal bool IsLiteral { get; }

    public override bool Equals(CandidValue? other) => other is CandidNumber n && n.Value == Value && (n.Kind == Kind || n.IsLiteral || IsLiteral);

    public override int GetHashCode() => Value.GetHashCode();
}
