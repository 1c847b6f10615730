using IcOperator.Agent.Cbor;
using IcOperator.Agent.HashTrees;
using IcOperator.Candid;

namespace IcOperator.Agent.Certificates;

/// <summary>
/// A certificate (spec <c>certificate</c>): a state tree, the BLS signature over its root hash and, for subnets other
/// than the root subnet, a delegation from the root subnet. Parsing checks structure only; see <see cref="CertificateVerifier"/>.
/// </summary>
public sealed record Certificate
{
    public required HashTree Tree { get; init; }

    public required byte[] Signature { get; init; }

    public CertificateDelegation? Delegation { get; init; }

    /// <summary>The message the BLS signature covers: <c>"\x0Dic-state-root" ++ root hash</c>.</summary>
    public byte[] SignedMessage() => [13, .. "ic-state-root"u8, .. Tree.Digest];

    /// <summary>The certified time at <c>/time</c>, in nanoseconds since 1970.</summary>
    public ulong Time
    {
        get
        {
            var time = Tree.LookupPath("time");
            return time.Status == LookupStatus.Found
                ? Leb128.DecodeUnsigned(time.Value, "certificate /time")
                : throw new CertificateVerificationException(CertificateRejection.MissingTime, $"certificate: /time lookup was {time.Status}, expected a value");
        }
    }

    public CborMap ToCbor()
    {
        var entries = new List<(string, CborValue)> { ("tree", Tree.ToCbor()), ("signature", new CborBytes(Signature)) };
        if (Delegation is not null)
        {
            entries.Add(("delegation", Delegation.ToCbor()));
        }

        return CborMap.FromText([.. entries]);
    }

    /// <summary>The certificate bytes as the IC sends them (under the self-describe tag).</summary>
    public byte[] Encode() => CborEncoding.Encode(ToCbor(), selfDescribe: true);

    public static Certificate Decode(ReadOnlySpan<byte> cbor, CborLimits? limits = null) => FromCbor(CborEncoding.Decode(cbor, limits));

    public static Certificate FromCbor(CborValue value)
    {
        var map = value.Untagged().AsMap("certificate");
        var delegation = map.GetOptional("delegation");
        return new Certificate
        {
            Tree = HashTree.FromCbor(map.Require("tree")),
            Signature = map.Require("signature").AsBytes("signature"),
            Delegation = delegation is null ? null : CertificateDelegation.FromCbor(delegation),
        };
    }
}
