namespace IcOperator.Agent.Icrc3;

/// <summary>Blocks a log moved to an archive: the ranges, and the query method (canister and name) that serves them.</summary>
public sealed record ArchivedBlocks(IReadOnlyList<BlockRange> Ranges, Candid.Principal Canister, string Method);
