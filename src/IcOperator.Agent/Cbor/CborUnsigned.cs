namespace IcOperator.Agent.Cbor;

/// <summary>An unsigned integer (major type 0).</summary>
public sealed class CborUnsigned(ulong value) : CborValue
{
    public ulong Value { get; } = value;

    public override string Kind => "an unsigned integer";

    public override bool Equals(CborValue? other) => other is CborUnsigned u && u.Value == Value;

    public override int GetHashCode() => Value.GetHashCode();

    public override string ToString() => Value.ToString();
}
