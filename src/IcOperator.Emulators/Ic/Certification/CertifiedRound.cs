using IcOperator.Agent.Certificates;
using IcOperator.Agent.HashTrees;

namespace IcOperator.Emulators.Ic.Certification;

/// <summary>One certification round: the state tree as it was when the round began and the one signature over its root.</summary>
internal sealed record CertifiedRound(long StartedAt, HashTree Tree, byte[] Signature, CertificateDelegation? Delegation = null)
{
    /// <summary>A certificate showing <paramref name="paths"/> from this round's tree; pruning keeps the root, so the signature stands.</summary>
    public byte[] Certificate(IReadOnlyList<IReadOnlyList<byte[]>> paths) =>
        new Certificate { Tree = Tree.Witness(paths), Signature = Signature, Delegation = Delegation }.Encode();
}
