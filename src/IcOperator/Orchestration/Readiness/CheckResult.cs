namespace IcOperator.Orchestration.Readiness;

/// <summary>The outcome of one readiness check: passed, or failed with a reason and a message a person can act on.</summary>
public sealed record CheckResult(bool Failed, string Reason, string Message)
{
    public static CheckResult Pass { get; } = new(false, string.Empty, string.Empty);

    public static CheckResult Fail(string reason, string message) => new(true, reason, message);
}
