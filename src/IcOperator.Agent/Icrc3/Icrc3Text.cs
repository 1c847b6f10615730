namespace IcOperator.Agent.Icrc3;

/// <summary>Text, hashed as its UTF-8 bytes.</summary>
public sealed class Icrc3Text(string value) : Icrc3Value
{
    public string Value { get; } = value ?? throw new ArgumentNullException(nameof(value));

    public override bool Equals(Icrc3Value? other) => other is Icrc3Text t && t.Value == Value;

    public override int GetHashCode() => Value.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => "Text(\"" + Value + "\")";
}
