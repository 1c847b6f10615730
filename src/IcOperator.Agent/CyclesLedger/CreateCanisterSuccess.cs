using System.Numerics;
using IcOperator.Candid;

namespace IcOperator.Agent.CyclesLedger;

/// <summary>The ledger block that paid for the canister, and the canister.</summary>
public sealed record CreateCanisterSuccess(BigInteger BlockId, Principal CanisterId);
