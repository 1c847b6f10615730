namespace IcOperator.Agent.HashTrees;

/// <summary>The outcome of a path lookup; <see cref="Value"/> is set for a found leaf.</summary>
public sealed record LookupResult(LookupStatus Status, byte[]? Value, HashTree? Subtree)
{
    public static LookupResult Absent { get; } = new(LookupStatus.Absent, null, null);

    public static LookupResult Unknown { get; } = new(LookupStatus.Unknown, null, null);

    public static LookupResult Error { get; } = new(LookupStatus.Error, null, null);

    public static LookupResult FoundValue(byte[] value, HashTree leaf) => new(LookupStatus.Found, value, leaf);

    public static LookupResult FoundSubtree(HashTree subtree) => new(LookupStatus.Found, null, subtree);

    public override string ToString() => Status == LookupStatus.Found && Value is not null ? $"Found({Value.Length} bytes)" : Status.ToString();
}
