using IcOperator.Agent.Management;
using IcOperator.Api.V1Alpha1;
using IcOperator.Controllers.Calls;
using IcOperator.Orchestration;

namespace IcOperator.Controllers.CanisterActions;

/// <summary>
/// Takes the snapshot an upgrade needs (its id recorded before the upgrade), and deletes snapshots beyond retention.
/// The take_canister_snapshot request is recorded in lastOperation.call before it is sent; after a restart its reply
/// gives the snapshot id, or the planner finds the snapshot it took among the canister's, so none is left unrecorded.
/// </summary>
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

        var operation = context.Status.LastOperation!;
        if (step.SnapshotId is { } found)
        {
            return Recorded(context, operation, found);
        }

        var agent = context.Network.Agent;
        var outcome = (operation.Call is { Method: "take_canister_snapshot" } recorded ? await ExactlyOnceCall.ReadAsync(agent, recorded, cancellationToken) : null)
            ?? await ExactlyOnceCall.RunAsync(
                agent,
                null,
                ManagementCalls.TakeCanisterSnapshot(canister),
                (c, ct) => context.WriteStatusAsync(context.Status with { LastOperation = operation with { Call = c } }, ct),
                cancellationToken);
        switch (outcome.Kind)
        {
            case CallOutcomeKind.Replied:
                return Recorded(context, operation, ManagementCalls.TakenSnapshot(outcome.RequireReply()).IdHex);
            case CallOutcomeKind.InFlight:
                return context.Status with { LastOperation = operation with { Call = outcome.Call } };
            case CallOutcomeKind.Pruned:
                // It ran, yet the planner found no snapshot taken since the operation started: it took none; take one anew.
                return context.Status with { LastOperation = operation with { Call = null } };
            default:
                await context.WriteStatusAsync(context.Status with { LastOperation = operation with { Call = null } }, cancellationToken);
                throw outcome.Reject!;
        }
    }

    /// <summary>Records snapshot <paramref name="id"/>, taken for <paramref name="operation"/>, as the one to roll back to.</summary>
    internal static CanisterDeploymentStatus Recorded(CanisterActionContext context, OperationRecord operation, string id)
    {
        var record = new SnapshotRecord { Id = id, TakenAt = context.Now, Version = operation.From, ModuleHash = operation.FromModuleHash };
        return context.Status with
        {
            Snapshots = [.. context.Status.Snapshots.Where(s => s.Id != id), record],
            LastOperation = operation with { SnapshotId = id, Step = OperationStep.SnapshotTaken, Call = null },
        };
    }
}
