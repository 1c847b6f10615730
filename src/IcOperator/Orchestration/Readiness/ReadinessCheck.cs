namespace IcOperator.Orchestration.Readiness;

/// <summary>A named check in a readiness chain.</summary>
public sealed record ReadinessCheck<TSubject>(string Name, Func<TSubject, CheckResult> Evaluate);
