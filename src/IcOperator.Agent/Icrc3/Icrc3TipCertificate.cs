using System.Numerics;
using System.Text;
using IcOperator.Agent.Cbor;
using IcOperator.Agent.Certificates;
using IcOperator.Agent.HashTrees;
using IcOperator.Agent.Responses;
using IcOperator.Candid;

namespace IcOperator.Agent.Icrc3;

/// <summary>
/// The tip certificate of an ICRC-3 log: a hash tree with <c>last_block_index</c> (LEB128) and
/// <c>last_block_hash</c>, whose root the canister set as its certified data, which the IC certifies.
/// </summary>
public static class Icrc3TipCertificate
{
    public const string LastBlockIndexLabel = "last_block_index";

    public const string LastBlockHashLabel = "last_block_hash";

    /// <summary>The tree a log certifies for its tip; its root hash is the canister's certified data.</summary>
    public static HashTree Tree(BigInteger lastBlockIndex, byte[] lastBlockHash) => new HashTreeBuilder()
        .Add([LastBlockHashLabel], lastBlockHash)
        .Add([LastBlockIndexLabel], Leb128.EncodeUnsigned(lastBlockIndex))
        .Build();

    /// <summary>
    /// Checks the certificate (BLS signature, delegation, freshness) for <paramref name="canister"/>, that its
    /// <c>certified_data</c> is the hash tree's root, and reads the tip; throws <see cref="CertificateVerificationException"/>
    /// or <see cref="FormatException"/> saying what does not hold.
    /// </summary>
    public static Icrc3Tip Verify(DataCertificate tip, Principal canister, CertificateVerifier verifier)
    {
        ArgumentNullException.ThrowIfNull(tip);
        var certificate = Certificate.Decode(tip.Certificate);
        verifier.VerifyForCanister(certificate, canister);
        var certified = certificate.Tree.LookupPath([Encoding.ASCII.GetBytes("canister"), canister.ToByteArray(), Encoding.ASCII.GetBytes("certified_data")]);
        if (certified.Status != LookupStatus.Found || certified.Value is null)
        {
            throw new CertificateVerificationException(CertificateRejection.NotAuthorized, $"the tip certificate holds no /canister/{canister}/certified_data ({certified.Status})");
        }

        var tree = HashTree.FromCbor(CborEncoding.DecodeUntagged(tip.HashTree));
        if (!tree.Digest.SequenceEqual(certified.Value))
        {
            throw new CertificateVerificationException(CertificateRejection.NotAuthorized,
                $"the tip hash tree's root {Convert.ToHexStringLower(tree.Digest)} is not the certified data {Convert.ToHexStringLower(certified.Value)} of canister {canister}");
        }

        var index = tree.LookupPath(LastBlockIndexLabel);
        var hash = tree.LookupPath(LastBlockHashLabel);
        if (index.Status != LookupStatus.Found || index.Value is null || hash.Status != LookupStatus.Found || hash.Value is not { Length: 32 })
        {
            throw new FormatException($"the tip hash tree must hold {LastBlockIndexLabel} (LEB128) and {LastBlockHashLabel} (32 bytes); found {index.Status} and {hash.Status}");
        }

        return new Icrc3Tip(Leb128.DecodeUnsigned(index.Value, LastBlockIndexLabel), hash.Value, certificate.Time);
    }
}
