namespace IcOperator.Agent.Icrc3;

/// <summary>A list of values, hashed as the hash of its elements' hashes in order.</summary>
public sealed class Icrc3Array(IReadOnlyList<Icrc3Value> items) : Icrc3Value
{
    public IReadOnlyList<Icrc3Value> Items { get; } = items;

    public override bool Equals(Icrc3Value? other) => other is Icrc3Array a && a.Items.SequenceEqual(Items);

    public override int GetHashCode() => HashCode.Combine(2, Items.Count);

    public override string ToString() => "Array([" + string.Join(", ", Items) + "])";
}
