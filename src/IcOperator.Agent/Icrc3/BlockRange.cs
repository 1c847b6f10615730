using System.Numerics;

namespace IcOperator.Agent.Icrc3;

/// <summary>One range of <c>icrc3_get_blocks</c>: <c>record { start : nat; length : nat }</c>.</summary>
public sealed record BlockRange(BigInteger Start, BigInteger Length);
