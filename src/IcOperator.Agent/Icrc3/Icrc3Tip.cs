using System.Numerics;

namespace IcOperator.Agent.Icrc3;

/// <summary>What a log's certificate says of its last block: its index and its hash.</summary>
public sealed record Icrc3Tip(BigInteger LastBlockIndex, byte[] LastBlockHash, ulong CertifiedTimeNanos);
