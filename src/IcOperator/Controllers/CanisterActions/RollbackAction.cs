using IcOperator.Api.V1Alpha1;
using IcOperator.Orchestration;

namespace IcOperator.Controllers.CanisterActions;

/// <summary>Loads the snapshot taken before a failed upgrade back into the (stopped) canister.</summary>
internal sealed class RollbackAction : ICanisterAction
{
    public IReadOnlyCollection<CanisterStepKind> Steps { get; } = [CanisterStepKind.LoadSnapshot];

    public async Task<CanisterDeploymentStatus> ExecuteAsync(CanisterActionContext context, CanisterStep step, CancellationToken cancellationToken)
    {
        await context.Network.Management.LoadCanisterSnapshotAsync(context.RequireCanister(), Convert.FromHexString(step.SnapshotId!), cancellationToken);
        return context.Status with { LastOperation = context.Status.LastOperation! with { Step = OperationStep.SnapshotLoaded } };
    }
}
