using IcOperator.Api.V1Alpha1;
using IcOperator.Orchestration;

namespace IcOperator.Controllers.CanisterActions;

/// <summary>update_settings with the fields the spec sets; the operator's own principal stays a controller.</summary>
internal sealed class UpdateSettingsAction : ICanisterAction
{
    public IReadOnlyCollection<CanisterStepKind> Steps { get; } = [CanisterStepKind.UpdateSettings];

    public async Task<CanisterDeploymentStatus> ExecuteAsync(CanisterActionContext context, CanisterStep step, CancellationToken cancellationToken)
    {
        var settings = SettingsConversion.ToManagement(context.Deployment.Spec.Settings!, context.Network.OperatorPrincipal);
        await context.Network.Management.UpdateSettingsAsync(context.RequireCanister(), settings, cancellationToken);
        return context.Status;
    }
}
