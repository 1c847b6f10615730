namespace IcOperator.Agent.Management;

/// <summary>Result of <c>fetch_canister_logs</c>.</summary>
public sealed record FetchCanisterLogsResult(IReadOnlyList<CanisterLogRecord> CanisterLogRecords);
