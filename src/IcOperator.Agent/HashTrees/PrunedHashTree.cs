using IcOperator.Agent.Cbor;

namespace IcOperator.Agent.HashTrees;

/// <summary>A subtree replaced by its root hash.</summary>
public sealed class PrunedHashTree : HashTree
{
    private readonly byte[] hash;

    internal PrunedHashTree(byte[] hash)
    {
        ArgumentNullException.ThrowIfNull(hash);
        this.hash = hash.Length == 32 ? hash : throw new ArgumentException($"pruned node: expected a 32-byte hash, found {hash.Length} bytes", nameof(hash));
    }

    public override CborValue ToCbor() => new CborArray(4UL, new CborBytes(hash));

    private protected override byte[] ComputeDigest() => (byte[])hash.Clone();

    public override string ToString() => $"Pruned({Convert.ToHexStringLower(hash)})";
}
