using IcOperator.Api.V1Alpha1;
using IcOperator.Orchestration;

namespace IcOperator.Controllers.CanisterActions;

/// <summary>One kind of change to a canister: runs the planner's step and returns the status to record.</summary>
internal interface ICanisterAction
{
    IReadOnlyCollection<CanisterStepKind> Steps { get; }

    Task<CanisterDeploymentStatus> ExecuteAsync(CanisterActionContext context, CanisterStep step, CancellationToken cancellationToken);
}
