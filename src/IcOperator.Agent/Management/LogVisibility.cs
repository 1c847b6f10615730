using IcOperator.Candid;

namespace IcOperator.Agent.Management;

/// <summary>Who may read a canister's logs: <c>variant { controllers; public; allowed_viewers : vec principal }</c>.</summary>
public abstract record LogVisibility
{
    private protected LogVisibility()
    {
    }

    public sealed record Controllers : LogVisibility;

    public sealed record Public : LogVisibility;

    public sealed record AllowedViewers(IReadOnlyList<Principal> Value) : LogVisibility;
}
