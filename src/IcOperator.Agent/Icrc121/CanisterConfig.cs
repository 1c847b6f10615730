using System.Numerics;
using IcOperator.Candid;

namespace IcOperator.Agent.Icrc121;

/// <summary>
/// Settings as ICRC-120 names them in <c>parameters</c>/<c>configs</c> (<c>sys:controllers</c>, <c>sys:compute_allocation</c>, …);
/// a null member was not set and is left out of the block.
/// </summary>
public sealed record CanisterConfig
{
    public IReadOnlyList<Principal>? Controllers { get; init; }

    public BigInteger? ComputeAllocation { get; init; }

    public BigInteger? MemoryAllocation { get; init; }

    public BigInteger? FreezingThreshold { get; init; }

    public BigInteger? ReservedCyclesLimit { get; init; }

    public BigInteger? WasmMemoryLimit { get; init; }

    /// <summary><c>controllers</c> or <c>public</c>.</summary>
    public string? LogVisibility { get; init; }

    public bool IsEmpty => Controllers is null && ComputeAllocation is null && MemoryAllocation is null && FreezingThreshold is null
        && ReservedCyclesLimit is null && WasmMemoryLimit is null && LogVisibility is null;
}
