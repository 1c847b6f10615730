using IcOperator.Agent.Management;
using IcOperator.Api.V1Alpha1;
using IcOperator.Candid;
using IcOperator.Orchestration;

namespace IcOperator.Controllers.CanisterActions;

/// <summary>
/// update_settings with the fields the spec sets; the operator's own principal stays a controller, and so does the
/// network's upgrader while upgrades go through it. Before such an upgrade, the upgrader alone is added.
/// </summary>
internal sealed class UpdateSettingsAction : ICanisterAction
{
    public IReadOnlyCollection<CanisterStepKind> Steps { get; } = [CanisterStepKind.UpdateSettings];

    public async Task<CanisterDeploymentStatus> ExecuteAsync(CanisterActionContext context, CanisterStep step, CancellationToken cancellationToken)
    {
        var spec = context.Deployment.Spec.Settings;
        var upgrader = context.Network.Upgrader;
        var settings = step.AddController is not null
            ? new CanisterSettings { Controllers = ControllersFor(context, step) }
            : SettingsConversion.ToManagement(spec!, context.Network.OperatorPrincipal, upgrader);
        await context.Network.Management.UpdateSettingsAsync(context.RequireCanister(), settings, cancellationToken);
        return context.Status;
    }

    /// <summary>The controllers a step that adds one sets: those the spec lists (and the operator), else those the canister has, with the added one.</summary>
    public static IReadOnlyList<Principal> ControllersFor(CanisterActionContext context, CanisterStep step) =>
        AddedTo(context, context.Deployment.Spec.Settings, step.AddController ?? throw new ArgumentException("expected a step that adds a controller", nameof(step)));

    private static IReadOnlyList<Principal> AddedTo(CanisterActionContext context, CanisterSettingsSpec? spec, string added) =>
        spec?.Controllers is not null
            ? SettingsConversion.Controllers(spec, context.Network.OperatorPrincipal, Principal.Parse(added))
            : [.. (context.Canister?.Settings.Controllers ?? [context.Network.OperatorPrincipal]).Append(added).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(Principal.Parse)];
}
