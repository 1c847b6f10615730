namespace IcOperator.Candid;

/// <summary>A <c>vec</c> value (a <c>vec nat8</c> is usually a <see cref="CandidBlob"/>).</summary>
public sealed class CandidVec : CandidValue
{
    public CandidVec(IReadOnlyList<CandidValue> items) => Items = items ?? throw new ArgumentNullException(nameof(items));

    public IReadOnlyList<CandidValue> Items { get; }

    public override bool Equals(CandidValue? other)
    {
        if (other is CandidBlob blob)
        {
            return blob.Equals(this);
        }

        if (other is not CandidVec v || v.Items.Count != Items.Count)
        {
            return false;
        }

        for (var i = 0; i < Items.Count; i++)
        {
            if (!Items[i].Equals(v.Items[i]))
            {
                return false;
            }
        }

        return true;
    }

    public override int GetHashCode() => Items.Count;
}
