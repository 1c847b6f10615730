using System.Numerics;
using IcOperator.Candid;

namespace IcOperator.Agent.Management;

/// <summary>Settings to set (<c>canister_settings</c>); a null field is left unchanged.</summary>
public sealed record CanisterSettings
{
    public IReadOnlyList<Principal>? Controllers { get; init; }

    public BigInteger? ComputeAllocation { get; init; }

    public BigInteger? MemoryAllocation { get; init; }

    public BigInteger? FreezingThreshold { get; init; }

    public BigInteger? ReservedCyclesLimit { get; init; }

    public LogVisibility? LogVisibility { get; init; }

    public BigInteger? LogMemoryLimit { get; init; }

    public BigInteger? WasmMemoryLimit { get; init; }

    public BigInteger? WasmMemoryThreshold { get; init; }

    public IReadOnlyList<EnvironmentVariable>? EnvironmentVariables { get; init; }
}
