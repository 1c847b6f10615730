namespace IcOperator.Candid;

/// <summary><c>record { … }</c>: fields sorted by id, ids unique.</summary>
public sealed class RecordType : CandidType
{
    private CandidField[] fields = [];

    internal RecordType(IEnumerable<CandidField> fields) => SetFields(fields);

    public override CandidTypeKind Kind => CandidTypeKind.Record;

    public IReadOnlyList<CandidField> Fields => fields;

    /// <summary>True when the fields are numbered 0..n-1, as a tuple's are.</summary>
    public bool IsTuple
    {
        get
        {
            for (var i = 0; i < fields.Length; i++)
            {
                if (fields[i].Id != i)
                {
                    return false;
                }
            }

            return fields.Length > 0;
        }
    }

    public CandidField? Find(uint id) => FieldSet.Find(fields, id);

    public CandidField? Find(string name) => Find(FieldId.Of(name));

    internal CandidField[] FieldArray => fields;

    internal void SetFields(IEnumerable<CandidField> value) => fields = FieldSet.Sorted(value, "record");
}
