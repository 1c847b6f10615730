using System.Numerics;
using IcOperator.Candid;

namespace IcOperator.Emulators.Ic.Canisters;

/// <summary>A canister's definite settings (<c>definite_canister_settings</c>), with the IC's defaults.</summary>
public sealed record CanisterSettings
{
    public const ulong DefaultFreezingThreshold = 2_592_000;
    public const ulong DefaultWasmMemoryLimit = 3UL * 1024 * 1024 * 1024;
    public const ulong DefaultLogMemoryLimit = 4096;
    public static readonly BigInteger DefaultReservedCyclesLimit = BigInteger.Parse("5000000000000");

    public required IReadOnlyList<Principal> Controllers { get; init; }

    public BigInteger ComputeAllocation { get; init; }

    public BigInteger MemoryAllocation { get; init; }

    public BigInteger FreezingThreshold { get; init; } = DefaultFreezingThreshold;

    public BigInteger ReservedCyclesLimit { get; init; } = DefaultReservedCyclesLimit;

    public LogVisibility LogVisibility { get; init; } = LogVisibility.Controllers;

    /// <summary>Who may list and read snapshots; the same variant as log visibility.</summary>
    public LogVisibility SnapshotVisibility { get; init; } = LogVisibility.Controllers;

    /// <summary>Who besides controllers may call canister_status.</summary>
    public LogVisibility StatusVisibility { get; init; } = LogVisibility.Controllers;

    /// <summary>Cycles a call from another canister must carry; ingress messages are not affected.</summary>
    public BigInteger MinimumIncomingCanisterCallCycles { get; init; }

    public BigInteger LogMemoryLimit { get; init; } = DefaultLogMemoryLimit;

    public BigInteger WasmMemoryLimit { get; init; } = DefaultWasmMemoryLimit;

    public BigInteger WasmMemoryThreshold { get; init; }

    public IReadOnlyList<EnvironmentVariable> EnvironmentVariables { get; init; } = [];

    public bool Equals(CanisterSettings? other) =>
        other is not null
        && Controllers.SequenceEqual(other.Controllers)
        && ComputeAllocation == other.ComputeAllocation
        && MemoryAllocation == other.MemoryAllocation
        && FreezingThreshold == other.FreezingThreshold
        && ReservedCyclesLimit == other.ReservedCyclesLimit
        && LogVisibility.Equals(other.LogVisibility)
        && SnapshotVisibility.Equals(other.SnapshotVisibility)
        && StatusVisibility.Equals(other.StatusVisibility)
        && MinimumIncomingCanisterCallCycles == other.MinimumIncomingCanisterCallCycles
        && LogMemoryLimit == other.LogMemoryLimit
        && WasmMemoryLimit == other.WasmMemoryLimit
        && WasmMemoryThreshold == other.WasmMemoryThreshold
        && EnvironmentVariables.SequenceEqual(other.EnvironmentVariables);

    public override int GetHashCode() => HashCode.Combine(Controllers.Count, ComputeAllocation, MemoryAllocation, FreezingThreshold);
}
