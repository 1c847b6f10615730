namespace IcOperator.Audit;

/// <summary>One block of an audit log as a person reads it.</summary>
internal sealed record AuditHistoryRow(long Index, DateTimeOffset? Time, string BlockType, string? Canister, string Details);
