using IcOperator.Api.V1Alpha1;
using IcOperator.Orchestration;

namespace IcOperator.Controllers.CanisterActions;

/// <summary>delete_canister, for deletionPolicy: Delete once the canister is stopped.</summary>
internal sealed class DeleteAction : ICanisterAction
{
    public IReadOnlyCollection<CanisterStepKind> Steps { get; } = [CanisterStepKind.DeleteCanister];

    public async Task<CanisterDeploymentStatus> ExecuteAsync(CanisterActionContext context, CanisterStep step, CancellationToken cancellationToken)
    {
        await context.Network.Management.DeleteCanisterAsync(context.RequireCanister(), cancellationToken);
        return context.Status;
    }
}
