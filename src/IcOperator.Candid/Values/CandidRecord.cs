namespace IcOperator.Candid;

/// <summary>A <c>record</c> value: fields sorted by id.</summary>
public sealed class CandidRecord : CandidValue
{
    private readonly CandidFieldValue[] fields;

    public CandidRecord(IEnumerable<CandidFieldValue> fields)
    {
        this.fields = [.. fields];
        Array.Sort(this.fields, (a, b) => a.Id.CompareTo(b.Id));
        for (var i = 1; i < this.fields.Length; i++)
        {
            if (this.fields[i].Id == this.fields[i - 1].Id)
            {
                throw new CandidException($"record value has field id {this.fields[i].Id} twice");
            }
        }
    }

    // The decoder hands over fields already sorted and checked.
    internal CandidRecord(CandidFieldValue[] sortedFields, bool trusted)
    {
        _ = trusted;
        fields = sortedFields;
    }

    public IReadOnlyList<CandidFieldValue> Fields => fields;

    internal CandidFieldValue[] FieldArray => fields;

    public CandidValue? Find(uint id)
    {
        int lo = 0, hi = fields.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var at = fields[mid].Id;
            if (at == id)
            {
                return fields[mid].Value;
            }

            if (at < id)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return null;
    }

    public CandidValue? Find(string name) => Find(FieldId.Of(name));

    internal CandidValue Get(uint id, string name) =>
        Find(id) ?? throw new CandidException($"record has no field '{name}' (id {id})");

    public override bool Equals(CandidValue? other)
    {
        if (other is not CandidRecord r || r.fields.Length != fields.Length)
        {
            return false;
        }

        for (var i = 0; i < fields.Length; i++)
        {
            if (fields[i].Id != r.fields[i].Id || !fields[i].Value.Equals(r.fields[i].Value))
            {
                return false;
            }
        }

        return true;
    }

    public override int GetHashCode() => fields.Length;
}
