namespace IcOperator.Candid;

/// <summary>A field of a record value: its id (the hash of its name) and value.</summary>
public readonly record struct CandidFieldValue(uint Id, CandidValue Value)
{
    public CandidFieldValue(string name, CandidValue value)
        : this(FieldId.Of(name), value)
    {
    }
}
