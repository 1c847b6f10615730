namespace IcOperator.Agent.Management;

/// <summary>One log line of a canister.</summary>
public sealed record CanisterLogRecord(ulong Idx, ulong TimestampNanos, byte[] Content);
