namespace IcOperator.Orchestration.Readiness;

/// <summary>What a readiness chain concluded: ready, or the first failing check's reason and message.</summary>
public sealed record ReadinessVerdict(bool Ready, string Reason, string Message, string? FailedCheck);
