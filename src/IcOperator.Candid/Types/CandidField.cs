namespace IcOperator.Candid;

/// <summary>A field of a record or a case of a variant: its id, its name when it has one, and its type.</summary>
public sealed record CandidField(uint Id, string? Name, CandidType Type)
{
    public CandidField(string name, CandidType type)
        : this(FieldId.Of(name), name, type)
    {
    }

    /// <summary>The name, or the id in decimal when the field has no name.</summary>
    public string Label => Name ?? Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
