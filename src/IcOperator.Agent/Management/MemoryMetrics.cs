using System.Numerics;

namespace IcOperator.Agent.Management;

/// <summary>Memory breakdown in <c>canister_status</c> (newer replicas).</summary>
public sealed record MemoryMetrics
{
    public BigInteger? WasmMemorySize { get; init; }

    public BigInteger? StableMemorySize { get; init; }

    public BigInteger? GlobalMemorySize { get; init; }

    public BigInteger? WasmBinarySize { get; init; }

    public BigInteger? CustomSectionsSize { get; init; }

    public BigInteger? CanisterHistorySize { get; init; }

    public BigInteger? WasmChunkStoreSize { get; init; }

    public BigInteger? SnapshotsSize { get; init; }

    public BigInteger? LogMemoryStoreSize { get; init; }
}
