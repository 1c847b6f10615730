namespace IcOperator.Candid;

/// <summary>A <c>variant</c> value: the id of its case and the case's value (<c>null</c> for a bare tag).</summary>
public sealed class CandidVariant(uint id, CandidValue value) : CandidValue
{
    public uint Id { get; } = id;

    public CandidValue Value { get; } = value ?? throw new ArgumentNullException(nameof(value));

    public bool Is(string name) => Id == FieldId.Of(name);

    public override bool Equals(CandidValue? other) => other is CandidVariant v && v.Id == Id && v.Value.Equals(Value);

    public override int GetHashCode() => HashCode.Combine(Id, Value);
}
