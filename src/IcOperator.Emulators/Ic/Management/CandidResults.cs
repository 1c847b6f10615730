using IcOperator.Candid;
using IcOperator.Emulators.Ic.Canisters;

namespace IcOperator.Emulators.Ic.Management;

/// <summary>Management results as Candid values, shaped after ic.did.</summary>
internal static class CandidResults
{
    public static CandidValue Status(CanisterView view) => CandidValue.Record(
        ("status", CandidValue.Variant(view.Status.ToString().ToLowerInvariant())),
        ("ready_for_migration", CandidValue.Bool(false)),
        ("version", CandidValue.Nat64(view.Version)),
        ("settings", Settings(view.Settings)),
        ("module_hash", view.ModuleHash is null ? CandidValue.None : CandidValue.Some(CandidValue.Blob(view.ModuleHash))),
        ("memory_size", CandidValue.Nat(view.MemorySize)),
        ("memory_metrics", CandidValue.Record(
            ("wasm_memory_size", CandidValue.Nat(view.MemoryMetrics.WasmMemorySize)),
            ("stable_memory_size", CandidValue.Nat(view.MemoryMetrics.StableMemorySize)),
            ("global_memory_size", CandidValue.Nat(view.MemoryMetrics.GlobalMemorySize)),
            ("wasm_binary_size", CandidValue.Nat(view.MemoryMetrics.WasmBinarySize)),
            ("custom_sections_size", CandidValue.Nat(view.MemoryMetrics.CustomSectionsSize)),
            ("canister_history_size", CandidValue.Nat(view.MemoryMetrics.CanisterHistorySize)),
            ("wasm_chunk_store_size", CandidValue.Nat(view.MemoryMetrics.WasmChunkStoreSize)),
            ("snapshots_size", CandidValue.Nat(view.MemoryMetrics.SnapshotsSize)),
            ("log_memory_store_size", CandidValue.Nat(view.MemoryMetrics.LogMemoryStoreSize)))),
        ("cycles", CandidValue.Nat(view.Cycles)),
        ("reserved_cycles", CandidValue.Nat(view.ReservedCycles)),
        ("idle_cycles_burned_per_day", CandidValue.Nat(view.IdleCyclesBurnedPerDay)),
        ("query_stats", CandidValue.Record(
            ("num_calls_total", CandidValue.Nat(view.QueryCalls)),
            ("num_instructions_total", CandidValue.Nat(0)),
            ("request_payload_bytes_total", CandidValue.Nat(view.QueryRequestBytes)),
            ("response_payload_bytes_total", CandidValue.Nat(view.QueryResponseBytes)))));

    public static CandidValue Settings(CanisterSettings settings) => CandidValue.Record(
        ("controllers", CandidValue.Vec(settings.Controllers.Select(CandidValue.Principal))),
        ("compute_allocation", CandidValue.Nat(settings.ComputeAllocation)),
        ("memory_allocation", CandidValue.Nat(settings.MemoryAllocation)),
        ("freezing_threshold", CandidValue.Nat(settings.FreezingThreshold)),
        ("reserved_cycles_limit", CandidValue.Nat(settings.ReservedCyclesLimit)),
        ("minimum_incoming_canister_call_cycles", CandidValue.Nat(settings.MinimumIncomingCanisterCallCycles)),
        ("log_visibility", Visibility(settings.LogVisibility)),
        ("snapshot_visibility", Visibility(settings.SnapshotVisibility)),
        ("status_visibility", Visibility(settings.StatusVisibility)),
        ("log_memory_limit", CandidValue.Nat(settings.LogMemoryLimit)),
        ("wasm_memory_limit", CandidValue.Nat(settings.WasmMemoryLimit)),
        ("wasm_memory_threshold", CandidValue.Nat(settings.WasmMemoryThreshold)),
        ("environment_variables", CandidValue.Vec(settings.EnvironmentVariables.Select(e =>
            CandidValue.Record(("name", CandidValue.Text(e.Name)), ("value", CandidValue.Text(e.Value)))))));

    public static CandidValue Visibility(LogVisibility visibility) => visibility.Kind == "allowed_viewers"
        ? CandidValue.Variant("allowed_viewers", CandidValue.Vec(visibility.AllowedViewers.Select(CandidValue.Principal)))
        : CandidValue.Variant(visibility.Kind);

    public static CandidValue Snapshot(SnapshotInfo snapshot) => CandidValue.Record(
        ("id", CandidValue.Blob(snapshot.Id)),
        ("taken_at_timestamp", CandidValue.Nat64(Nanos(snapshot.TakenAt))),
        ("total_size", CandidValue.Nat64((ulong)snapshot.TotalSize)));

    public static CandidValue ChunkHash(byte[] hash) => CandidValue.Record(("hash", CandidValue.Blob(hash)));

    public static CandidValue Logs(IEnumerable<CanisterLogRecord> logs) => CandidValue.Record(
        ("canister_log_records", CandidValue.Vec(logs.Select(l => CandidValue.Record(
            ("idx", CandidValue.Nat64(l.Index)),
            ("timestamp_nanos", CandidValue.Nat64(Nanos(l.Timestamp))),
            ("content", CandidValue.Blob(l.Content)))))));

    public static ulong Nanos(DateTimeOffset time) => (ulong)(time - DateTimeOffset.UnixEpoch).Ticks * 100;
}
