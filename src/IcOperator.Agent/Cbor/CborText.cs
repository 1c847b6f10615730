namespace IcOperator.Agent.Cbor;

/// <summary>A UTF-8 text string (major type 3).</summary>
public sealed class CborText(string value) : CborValue
{
    public string Value { get; } = value ?? throw new ArgumentNullException(nameof(value));

    public override string Kind => "a text string";

    public override bool Equals(CborValue? other) => other is CborText t && string.Equals(t.Value, Value, StringComparison.Ordinal);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    public override string ToString() => "\"" + Value + "\"";
}
