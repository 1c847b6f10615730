namespace IcOperator.Agent.Icrc121;

/// <summary>How a step that has a result block ended: <c>result</c> is <c>Success</c> or <c>Failed</c>, with <c>error</c> when it failed.</summary>
public sealed record OrchestrationOutcome(bool Succeeded, string? Error = null)
{
    public static OrchestrationOutcome Success { get; } = new(true);

    public static OrchestrationOutcome Failed(string error) => new(false, error);
}
