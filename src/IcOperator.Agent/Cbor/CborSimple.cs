namespace IcOperator.Agent.Cbor;

/// <summary>false, true or null.</summary>
public sealed class CborSimple(CborSimpleValue value) : CborValue
{
    public CborSimpleValue Value { get; } = value;

    public override string Kind => Value switch
    {
        CborSimpleValue.Null => "null",
        _ => "a boolean",
    };

    public override bool Equals(CborValue? other) => other is CborSimple s && s.Value == Value;

    public override int GetHashCode() => (int)Value;

    public override string ToString() => Value.ToString().ToLowerInvariant();
}
