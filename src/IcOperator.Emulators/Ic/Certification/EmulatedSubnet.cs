using IcOperator.Agent.Certificates;
using IcOperator.Agent.HashTrees;
using IcOperator.Candid;
using IcOperator.Emulators.Ic.State;

namespace IcOperator.Emulators.Ic.Certification;

/// <summary>One subnet of the emulated network as the HTTP interface serves it: its keys, its canister ranges and the rounds that certify for it.</summary>
internal sealed record EmulatedSubnet(SubnetKeys Keys, CanisterRanges Ranges, CertificationRounds Rounds)
{
    /// <summary>
    /// The root subnet's delegation to <paramref name="subnet"/>: a certificate, signed with the root key, of the
    /// subnet's public key and canister ranges, which every certificate of that subnet carries.
    /// </summary>
    public static CertificateDelegation Delegate(SubnetKeys root, SubnetPlacement subnet, DateTimeOffset now)
    {
        var id = subnet.SubnetId.ToByteArray();
        var builder = new HashTreeBuilder();
        builder.Add([L("time")], Leb128.EncodeUnsigned((ulong)(now - DateTimeOffset.UnixEpoch).Ticks * 100));
        builder.Add([L("subnet"), id, L("public_key")], subnet.PublicKeyDer);
        builder.Add([L("subnet"), id, L("canister_ranges")], subnet.Ranges.Encode());
        builder.Add([L("canister_ranges"), id, subnet.Ranges.Ranges[0].Start.ToByteArray()], subnet.Ranges.Encode());
        var tree = builder.Build();
        var unsigned = new Certificate { Tree = tree, Signature = [] };
        var certificate = new Certificate { Tree = tree, Signature = root.RootKey.Sign(unsigned.SignedMessage()) };
        return new CertificateDelegation { SubnetId = subnet.SubnetId, CertificateBytes = certificate.Encode() };
    }

    private static byte[] L(string label) => System.Text.Encoding.UTF8.GetBytes(label);
}
