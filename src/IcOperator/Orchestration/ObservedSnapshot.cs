namespace IcOperator.Orchestration;

/// <summary>A snapshot the IC holds for the canister (list_canister_snapshots).</summary>
internal sealed record ObservedSnapshot(string Id, DateTimeOffset TakenAt, ulong TotalSize);
