namespace IcOperator.Candid.Tests.Typed;

public abstract record LogVisibility
{
    public sealed record Controllers : LogVisibility;

    public sealed record Public : LogVisibility;

    public sealed record AllowedViewers(Principal[] Value) : LogVisibility;
}
