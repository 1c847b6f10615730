namespace IcOperator.Orchestration.Packages;

/// <summary>What the controller found out about a component's template before planning: does it exist, is the argument well typed.</summary>
internal sealed record ComponentReadiness(TemplateAvailability Template, GateResult Arguments)
{
    public static ComponentReadiness Verified { get; } = new(TemplateAvailability.Verified, GateResult.Pass);
}
