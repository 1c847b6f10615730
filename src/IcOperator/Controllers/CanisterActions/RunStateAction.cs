using IcOperator.Api.V1Alpha1;
using IcOperator.Orchestration;

namespace IcOperator.Controllers.CanisterActions;

/// <summary>start_canister and stop_canister.</summary>
internal sealed class RunStateAction : ICanisterAction
{
    public IReadOnlyCollection<CanisterStepKind> Steps { get; } = [CanisterStepKind.Start, CanisterStepKind.Stop];

    public async Task<CanisterDeploymentStatus> ExecuteAsync(CanisterActionContext context, CanisterStep step, CancellationToken cancellationToken)
    {
        var canister = context.RequireCanister();
        if (step.Kind == CanisterStepKind.Start)
        {
            await context.Network.Management.StartCanisterAsync(canister, cancellationToken);
        }
        else
        {
            await context.Network.Management.StopCanisterAsync(canister, cancellationToken);
        }

        return context.Status;
    }
}
