using System.Numerics;
using IcOperator.Candid;

namespace IcOperator.Agent.Management;

/// <summary>Settings as <c>canister_status</c> reports them; fields newer replicas add are optional so older ones still decode.</summary>
public sealed record DefiniteCanisterSettings
{
    public required IReadOnlyList<Principal> Controllers { get; init; }

    public required BigInteger ComputeAllocation { get; init; }

    public required BigInteger MemoryAllocation { get; init; }

    public required BigInteger FreezingThreshold { get; init; }

    public BigInteger? ReservedCyclesLimit { get; init; }

    public LogVisibility? LogVisibility { get; init; }

    public BigInteger? LogMemoryLimit { get; init; }

    public BigInteger? WasmMemoryLimit { get; init; }

    public BigInteger? WasmMemoryThreshold { get; init; }

    public IReadOnlyList<EnvironmentVariable>? EnvironmentVariables { get; init; }
}
