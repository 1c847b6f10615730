using IcOperator.Api.V1Alpha1;
using IcOperator.Orchestration;

namespace IcOperator.Controllers.CanisterActions;

/// <summary>Takes the snapshot an upgrade needs (its id recorded before the upgrade), and deletes snapshots beyond retention.</summary>
internal sealed class SnapshotAction : ICanisterAction
{
    public IReadOnlyCollection<CanisterStepKind> Steps { get; } = [CanisterStepKind.TakeSnapshot, CanisterStepKind.DeleteSnapshot];

    public async Task<CanisterDeploymentStatus> ExecuteAsync(CanisterActionContext context, CanisterStep step, CancellationToken cancellationToken)
    {
        var canister = context.RequireCanister();
        if (step.Kind == CanisterStepKind.DeleteSnapshot)
        {
            await context.Network.Management.DeleteCanisterSnapshotAsync(canister, Convert.FromHexString(step.SnapshotId!), cancellationToken);
            return context.Status with { Snapshots = context.Status.Snapshots.Where(s => s.Id != step.SnapshotId).ToList() };
        }

        var id = step.SnapshotId;
        var takenAt = context.Now;
        if (id is null)
        {
            var snapshot = await context.Network.Management.TakeCanisterSnapshotAsync(canister, cancellationToken: cancellationToken);
            id = snapshot.IdHex;
        }

        var operation = context.Status.LastOperation!;
        var record = new SnapshotRecord { Id = id, TakenAt = takenAt, Version = operation.From, ModuleHash = operation.FromModuleHash };
        return context.Status with
        {
            Snapshots = [.. context.Status.Snapshots.Where(s => s.Id != id), record],
            LastOperation = operation with { SnapshotId = id, Step = OperationStep.SnapshotTaken },
        };
    }
}
