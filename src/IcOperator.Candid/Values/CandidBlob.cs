namespace IcOperator.Candid;

/// <summary>A <c>blob</c> (<c>vec nat8</c>) held as bytes.</summary>
public sealed class CandidBlob(byte[] value) : CandidValue
{
    public byte[] Value { get; } = value ?? throw new ArgumentNullException(nameof(value));

    public override bool Equals(CandidValue? other) => other switch
    {
        CandidBlob b => b.Value.AsSpan().SequenceEqual(Value),
        CandidVec v => v.Items.Count == Value.Length
            && v.Items.Select((item, i) => item is CandidNumber n && n.Value == Value[i]).All(x => x),
        _ => false,
    };

    public override int GetHashCode() => Value.Length;
}
