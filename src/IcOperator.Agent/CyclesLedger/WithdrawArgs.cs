using System.Numerics;
using IcOperator.Candid;

namespace IcOperator.Agent.CyclesLedger;

/// <summary>Argument of <c>withdraw</c>: send cycles from the caller's ledger account to a canister (a top-up).</summary>
public sealed record WithdrawArgs(byte[]? FromSubaccount, Principal To, ulong? CreatedAtTime, BigInteger Amount);
