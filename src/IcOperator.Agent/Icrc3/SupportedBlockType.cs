namespace IcOperator.Agent.Icrc3;

/// <summary>An entry of <c>icrc3_supported_block_types</c>.</summary>
public sealed record SupportedBlockType(string BlockType, string Url);
