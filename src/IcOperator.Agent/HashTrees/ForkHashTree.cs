using IcOperator.Agent.Cbor;

namespace IcOperator.Agent.HashTrees;

/// <summary>Two subtrees side by side.</summary>
public sealed class ForkHashTree : HashTree
{
    internal ForkHashTree(HashTree left, HashTree right)
    {
        Left = left ?? throw new ArgumentNullException(nameof(left));
        Right = right ?? throw new ArgumentNullException(nameof(right));
    }

    public HashTree Left { get; }

    public HashTree Right { get; }

    public override CborValue ToCbor() => new CborArray(1UL, Left.ToCbor(), Right.ToCbor());

    private protected override byte[] ComputeDigest() => DomainHash("ic-hashtree-fork", Left.DigestBytes(), Right.DigestBytes());

    public override string ToString() => $"Fork({Left}, {Right})";
}
