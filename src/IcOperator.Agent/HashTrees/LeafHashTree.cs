using IcOperator.Agent.Cbor;

namespace IcOperator.Agent.HashTrees;

/// <summary>A value.</summary>
public sealed class LeafHashTree : HashTree
{
    private readonly byte[] value;

    internal LeafHashTree(byte[] value) => this.value = value ?? throw new ArgumentNullException(nameof(value));

    public ReadOnlySpan<byte> Value => value;

    public override CborValue ToCbor() => new CborArray(3UL, new CborBytes(value));

    private protected override byte[] ComputeDigest() => DomainHash("ic-hashtree-leaf", value);

    public override string ToString() => $"Leaf({LabeledHashTree.LabelText(value)})";
}
