namespace IcOperator.Agent.HashTrees;

/// <summary>Labels order as blobs, byte by byte, shorter first on a common prefix (as the spec's trees do).</summary>
internal sealed class LabelComparer : IComparer<byte[]>
{
    public static LabelComparer Instance { get; } = new();

    public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
}
