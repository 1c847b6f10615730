using IcOperator.Agent.Cbor;

namespace IcOperator.Agent.HashTrees;

/// <summary>The empty tree; only valid as a whole tree, never inside a fork of a canonical tree.</summary>
public sealed class EmptyHashTree : HashTree
{
    internal EmptyHashTree()
    {
    }

    public override CborValue ToCbor() => new CborArray((CborValue)0UL);

    private protected override byte[] ComputeDigest() => DomainHash("ic-hashtree-empty");

    public override string ToString() => "Empty";
}
