using IcOperator.Api.V1Alpha1;
using IcOperator.Orchestration;

namespace IcOperator.Controllers.CanisterActions;

/// <summary>Steps that only write status: adopting a canister, starting, rolling back and completing an operation.</summary>
internal sealed class OperationRecordAction : ICanisterAction
{
    /// <summary>How many past deployments status.history keeps.</summary>
    public const int HistoryLength = 10;

    public IReadOnlyCollection<CanisterStepKind> Steps { get; } =
        [CanisterStepKind.Adopt, CanisterStepKind.BeginOperation, CanisterStepKind.BeginRollback, CanisterStepKind.CompleteOperation, CanisterStepKind.RecordVersion];

    public Task<CanisterDeploymentStatus> ExecuteAsync(CanisterActionContext context, CanisterStep step, CancellationToken cancellationToken)
    {
        var status = context.Status;
        var observedHash = context.Canister?.ModuleHash;
        var result = step.Kind switch
        {
            CanisterStepKind.Adopt => status with { CanisterId = context.Deployment.Spec.CanisterId },
            CanisterStepKind.BeginOperation => status with
            {
                LastOperation = new OperationRecord
                {
                    Type = step.Operation ?? OperationType.Upgrade,
                    From = status.Version,
                    To = context.Desired!.Version,
                    FromModuleHash = observedHash,
                    ToModuleHash = context.Desired.Sha256,
                    StartedAt = context.Now,
                    Step = OperationStep.Started,
                    Message = step.Message == "drift" ? $"Correcting drift: the canister ran module {observedHash}." : null,
                },
            },
            CanisterStepKind.BeginRollback => status with
            {
                LastOperation = status.LastOperation! with { Type = OperationType.Rollback, Step = OperationStep.Started, Call = null },
            },
            CanisterStepKind.CompleteOperation => Complete(context, step.Result ?? OperationResult.Failed, step.Message),
            _ => status with { Version = context.Desired!.Version, ModuleHash = observedHash, PendingCreate = null },
        };
        return Task.FromResult(result);
    }

    private static CanisterDeploymentStatus Complete(CanisterActionContext context, OperationResult result, string? message)
    {
        var status = context.Status;
        var operation = status.LastOperation!;
        var observedHash = context.Canister?.ModuleHash;
        var running = observedHash == operation.ToModuleHash ? operation.To : operation.From;
        var succeeded = result == OperationResult.Succeeded;
        context.Metrics.Upgrades.WithLabels(context.Namespace, result.ToString()).Inc();
        if (operation.Type == OperationType.Rollback)
        {
            context.Metrics.Rollbacks.WithLabels(context.Namespace, result.ToString()).Inc();
        }

        var entry = new DeploymentRecord { Version = operation.To ?? string.Empty, ModuleHash = operation.ToModuleHash, DeployedAt = context.Now, Result = result };
        return status with
        {
            Version = running,
            ModuleHash = observedHash,
            // A success keeps what the operation noted on the way (drift corrected, health verified).
            LastOperation = operation with
            {
                Result = result,
                FinishedAt = context.Now,
                Call = null,
                Message = succeeded && operation.Message is { } note ? $"{note} {message}" : message ?? operation.Message,
            },
            History = [entry, .. status.History.Take(HistoryLength - 1)],
            Failures = succeeded ? 0 : status.Failures + 1,
            FailedVersion = succeeded ? null : operation.To,
            FailedGeneration = succeeded ? null : context.Deployment.Metadata.Generation,
        };
    }
}
