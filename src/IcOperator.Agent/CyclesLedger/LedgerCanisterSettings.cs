using System.Numerics;
using IcOperator.Candid;

namespace IcOperator.Agent.CyclesLedger;

/// <summary>The settings the cycles ledger passes on when it creates a canister (a subset of the management canister's).</summary>
public sealed record LedgerCanisterSettings
{
    public IReadOnlyList<Principal>? Controllers { get; init; }

    public BigInteger? ComputeAllocation { get; init; }

    public BigInteger? MemoryAllocation { get; init; }

    public BigInteger? FreezingThreshold { get; init; }

    public BigInteger? ReservedCyclesLimit { get; init; }
}
