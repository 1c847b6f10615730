using System.Numerics;

namespace IcOperator.Agent.Icrc3;

/// <summary>The answer of <c>icrc3_get_blocks</c>.</summary>
public sealed record GetBlocksResult(BigInteger LogLength, IReadOnlyList<Icrc3Block> Blocks, IReadOnlyList<ArchivedBlocks> Archived);
