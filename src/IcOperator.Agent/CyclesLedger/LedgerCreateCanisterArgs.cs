using System.Numerics;

namespace IcOperator.Agent.CyclesLedger;

/// <summary>Argument of the cycles ledger's <c>create_canister</c>; <c>created_at_time</c> makes a retry a duplicate, not a second canister.</summary>
public sealed record LedgerCreateCanisterArgs(byte[]? FromSubaccount, ulong? CreatedAtTime, BigInteger Amount, CmcCreateCanisterArgs? CreationArgs);
