namespace IcOperator.Orchestration.Quantities;

/// <summary>A quantity in a spec field that cannot be read; the message names the field, what was found and what is accepted.</summary>
public sealed class QuantityFormatException(string field, string found, string expected)
    : FormatException($"{field}: expected {expected}, found \"{found}\".")
{
    public string Field { get; } = field;

    public string Found { get; } = found;
}
