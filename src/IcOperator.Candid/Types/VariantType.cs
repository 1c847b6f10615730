namespace IcOperator.Candid;

/// <summary><c>variant { … }</c>: cases sorted by id, ids unique.</summary>
public sealed class VariantType : CandidType
{
    private CandidField[] cases = [];

    internal VariantType(IEnumerable<CandidField> cases) => SetCases(cases);

    public override CandidTypeKind Kind => CandidTypeKind.Variant;

    public IReadOnlyList<CandidField> Cases => cases;

    public CandidField? Find(uint id) => FieldSet.Find(cases, id);

    public CandidField? Find(string name) => Find(FieldId.Of(name));

    internal CandidField[] CaseArray => cases;

    internal int IndexOf(uint id) => FieldSet.IndexOf(cases, id);

    internal void SetCases(IEnumerable<CandidField> value) => cases = FieldSet.Sorted(value, "variant");
}
