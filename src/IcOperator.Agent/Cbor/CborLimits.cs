namespace IcOperator.Agent.Cbor;

/// <summary>Bounds the decoder enforces so hostile input cannot exhaust the stack or memory.</summary>
public sealed record CborLimits
{
    /// <summary>Defaults sized for IC messages: certificates nest a few dozen levels; replies carry up to a few MiB.</summary>
    public static CborLimits Default { get; } = new();

    public int MaxDepth { get; init; } = 128;

    /// <summary>Longest byte or text string.</summary>
    public int MaxStringLength { get; init; } = 64 * 1024 * 1024;

    /// <summary>Most items in one array or entries in one map.</summary>
    public int MaxCollectionCount { get; init; } = 1_000_000;
}
