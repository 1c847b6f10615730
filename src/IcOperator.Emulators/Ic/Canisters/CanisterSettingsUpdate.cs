using System.Numerics;
using IcOperator.Candid;

namespace IcOperator.Emulators.Ic.Canisters;

/// <summary>The optional settings of <c>create_canister</c> and <c>update_settings</c>: null leaves a field as it is.</summary>
public sealed record CanisterSettingsUpdate
{
    public IReadOnlyList<Principal>? Controllers { get; init; }

    public BigInteger? ComputeAllocation { get; init; }

    public BigInteger? MemoryAllocation { get; init; }

    public BigInteger? FreezingThreshold { get; init; }

    public BigInteger? ReservedCyclesLimit { get; init; }

    public LogVisibility? LogVisibility { get; init; }

    public LogVisibility? SnapshotVisibility { get; init; }

    public LogVisibility? StatusVisibility { get; init; }

    public BigInteger? MinimumIncomingCanisterCallCycles { get; init; }

    public BigInteger? LogMemoryLimit { get; init; }

    public BigInteger? WasmMemoryLimit { get; init; }

    public BigInteger? WasmMemoryThreshold { get; init; }

    public IReadOnlyList<EnvironmentVariable>? EnvironmentVariables { get; init; }
}
