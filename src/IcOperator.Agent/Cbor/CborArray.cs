namespace IcOperator.Agent.Cbor;

/// <summary>An array (major type 4).</summary>
public sealed class CborArray(IReadOnlyList<CborValue> items) : CborValue
{
    public CborArray(params CborValue[] items)
        : this((IReadOnlyList<CborValue>)items)
    {
    }

    public IReadOnlyList<CborValue> Items { get; } = items ?? throw new ArgumentNullException(nameof(items));

    public int Count => Items.Count;

    public CborValue this[int index] => Items[index];

    public override string Kind => "an array";

    public override bool Equals(CborValue? other) => other is CborArray a && a.Items.SequenceEqual(Items);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in Items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    public override string ToString() => "[" + string.Join(", ", Items) + "]";
}
