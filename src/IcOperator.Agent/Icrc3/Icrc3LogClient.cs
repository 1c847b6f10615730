using System.Numerics;
using IcOperator.Agent.Transport;
using IcOperator.Candid;

namespace IcOperator.Agent.Icrc3;

/// <summary>Typed queries to an ICRC-3 log canister.</summary>
public sealed class Icrc3LogClient(IIcAgent agent, Principal canister) : IIcrc3LogReader
{
    /// <summary>How many blocks one <c>icrc3_get_blocks</c> call asks for when reading the whole log.</summary>
    public const int PageSize = 100;

    public Principal Canister { get; } = canister;

    public async Task<GetBlocksResult> GetBlocksAsync(IReadOnlyList<BlockRange> ranges, CancellationToken cancellationToken = default) =>
        Icrc3Codec.DecodeGetBlocksResult(await agent.QueryAsync(Canister, "icrc3_get_blocks", Icrc3Codec.EncodeGetBlocksArgs(ranges), cancellationToken: cancellationToken));

    public async Task<DataCertificate?> GetTipCertificateAsync(CancellationToken cancellationToken = default) =>
        Icrc3Codec.DecodeTipCertificate(await agent.QueryAsync(Canister, "icrc3_get_tip_certificate", CandidEncoder.Encode([]), cancellationToken: cancellationToken));

    public async Task<IReadOnlyList<SupportedBlockType>> SupportedBlockTypesAsync(CancellationToken cancellationToken = default) =>
        Icrc3Codec.DecodeSupportedBlockTypes(await agent.QueryAsync(Canister, "icrc3_supported_block_types", CandidEncoder.Encode([]), cancellationToken: cancellationToken));

    public async Task<IReadOnlyList<ArchiveInfo>> GetArchivesAsync(Principal? from = null, CancellationToken cancellationToken = default) =>
        Icrc3Codec.DecodeGetArchivesResult(await agent.QueryAsync(Canister, "icrc3_get_archives", Icrc3Codec.EncodeGetArchivesArgs(from), cancellationToken: cancellationToken));

    public async Task<IReadOnlyList<SupportedStandard>> SupportedStandardsAsync(CancellationToken cancellationToken = default) =>
        Icrc3Codec.DecodeSupportedStandards(await agent.QueryAsync(Canister, "icrc10_supported_standards", CandidEncoder.Encode([]), cancellationToken: cancellationToken));

    /// <summary>Every block of a log that keeps all its blocks itself, in order; a log that archives is refused by name.</summary>
    public async Task<IReadOnlyList<Icrc3Block>> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        var blocks = new List<Icrc3Block>();
        BigInteger length;
        do
        {
            var page = await GetBlocksAsync([new BlockRange(blocks.Count, PageSize)], cancellationToken);
            if (page.Archived.Count > 0)
            {
                throw new NotSupportedException($"log {Canister} answers blocks from {page.Archived.Count} archive(s); only logs that keep every block are read");
            }

            length = page.LogLength;
            foreach (var block in page.Blocks)
            {
                if (block.Id != blocks.Count)
                {
                    throw new FormatException($"log {Canister} answered block {block.Id} where block {blocks.Count} was expected");
                }

                blocks.Add(block);
            }

            if (page.Blocks.Count == 0 && blocks.Count < length)
            {
                throw new FormatException($"log {Canister} reports {length} blocks but answered none from block {blocks.Count}");
            }
        }
        while (blocks.Count < length);
        return blocks;
    }
}
