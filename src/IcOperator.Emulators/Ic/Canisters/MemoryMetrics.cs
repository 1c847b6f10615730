namespace IcOperator.Emulators.Ic.Canisters;

/// <summary>The memory breakdown <c>canister_status</c> reports (<c>memory_metrics</c>).</summary>
public sealed record MemoryMetrics(
    long WasmMemorySize,
    long StableMemorySize,
    long GlobalMemorySize,
    long WasmBinarySize,
    long CustomSectionsSize,
    long CanisterHistorySize,
    long WasmChunkStoreSize,
    long SnapshotsSize,
    long LogMemoryStoreSize);
