using System.Text;
using IcOperator.Agent.Cbor;

namespace IcOperator.Agent.HashTrees;

/// <summary>A subtree under a label (a blob).</summary>
public sealed class LabeledHashTree : HashTree
{
    private readonly byte[] label;

    internal LabeledHashTree(byte[] label, HashTree subtree)
    {
        this.label = label ?? throw new ArgumentNullException(nameof(label));
        Subtree = subtree ?? throw new ArgumentNullException(nameof(subtree));
    }

    public ReadOnlySpan<byte> Label => label;

    public byte[] LabelBytes() => (byte[])label.Clone();

    public HashTree Subtree { get; }

    public override CborValue ToCbor() => new CborArray(2UL, new CborBytes(label), Subtree.ToCbor());

    private protected override byte[] ComputeDigest() => DomainHash("ic-hashtree-labeled", label, Subtree.DigestBytes());

    public override string ToString() => $"Labeled({LabelText(label)}, {Subtree})";

    internal static string LabelText(byte[] label) =>
        label.All(b => b is >= 0x20 and < 0x7f) ? "\"" + Encoding.ASCII.GetString(label) + "\"" : "h'" + Convert.ToHexStringLower(label) + "'";
}
