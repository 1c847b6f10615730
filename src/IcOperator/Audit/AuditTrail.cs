using IcOperator.Agent.Icrc121;
using IcOperator.Api.V1Alpha1;
using IcOperator.Candid;
using IcOperator.Controllers;
using IcOperator.Observability;
using Microsoft.Extensions.Logging;

namespace IcOperator.Audit;

/// <summary>
/// Writes a deployment's steps to its network's audit log: the announcing block before a step runs and its
/// result block after. Each block's key is <c>&lt;uid&gt;/&lt;sequence&gt;</c> and the log appends a key once, and the
/// step a block announces stays in <c>status.auditLog.pending</c> until its result is written, so an operator
/// restarted at any point neither loses nor repeats a block.
/// </summary>
internal sealed class AuditTrail(IAuditLogs logs, OperatorMetrics metrics, ILogger logger)
{
    /// <summary>
    /// Before a step: writes the result owed by an earlier step that a restart interrupted, then announces this
    /// one (intent in status first, then the block, then its index in status). Returns the status to run the step with.
    /// </summary>
    public async Task<CanisterDeploymentStatus> BeforeStepAsync(
        AuditDestination destination, AuditedStep step, Func<CanisterDeploymentStatus, CancellationToken, Task> writeStatusAsync, CancellationToken cancellationToken)
    {
        var status = step.Status;
        var trail = Trail(status, destination);
        var kind = step.Step.Kind.ToString();
        if (trail.Pending is { BlockIndex: not null } earlier && earlier.Step != kind)
        {
            trail = await SettleAsync(destination, step, trail, earlier, cancellationToken);
        }

        if (trail.Pending is { BlockIndex: not null, Step: var announced } && announced == kind)
        {
            // Announced before a restart or a failed attempt: the step runs again under the same block.
            return status with { AuditLog = trail };
        }

        var blocks = StepBlocks.Announce(step);
        if (blocks.Count == 0)
        {
            return status with { AuditLog = trail with { Pending = null } };
        }

        // An announcement whose appends may have happened keeps its sequence, so the log answers their first indexes.
        var sequence = trail.Pending is { BlockIndex: null } unanswered ? unanswered.Sequence : trail.Sequence;
        var pending = new PendingAuditBlock { Sequence = sequence, Step = kind, BlockType = blocks[0].BlockType, AlsoAnnounced = [.. blocks.Skip(1).Select(b => b.BlockType)] };
        status = status with { AuditLog = trail with { Pending = pending } };
        await writeStatusAsync(status, cancellationToken);
        var index = 0L;
        for (var i = 0; i < blocks.Count; i++)
        {
            index = await AppendAsync(destination, sequence + i, blocks[i], cancellationToken);
        }

        status = status with { AuditLog = trail with { Sequence = sequence + blocks.Count, LastBlockIndex = index, Pending = pending with { BlockIndex = index } } };
        await writeStatusAsync(status, cancellationToken);
        return status;
    }

    /// <summary>After a step: writes its result block (if it has one) and clears the pending announcement.</summary>
    public async Task<CanisterDeploymentStatus> AfterStepAsync(AuditDestination destination, AuditedStep after, CancellationToken cancellationToken)
    {
        var status = after.Status;
        if (status.AuditLog?.Pending is not { BlockIndex: not null } pending || pending.Step != after.Step.Kind.ToString())
        {
            return status;
        }

        return status with { AuditLog = await SettleAsync(destination, after, status.AuditLog, pending, cancellationToken) };
    }

    private static AuditTrailStatus Trail(CanisterDeploymentStatus status, AuditDestination destination)
    {
        var log = destination.LogCanister.ToString();
        return status.AuditLog is { } trail && trail.LogCanisterId == log
            ? trail
            : new AuditTrailStatus { LogCanisterId = log, Sequence = status.AuditLog?.Sequence ?? 0 };
    }

    private async Task<AuditTrailStatus> SettleAsync(AuditDestination destination, AuditedStep step, AuditTrailStatus trail, PendingAuditBlock pending, CancellationToken cancellationToken)
    {
        if (StepBlocks.Result(step, pending) is not { } result)
        {
            return trail with { Pending = null };
        }

        var index = await AppendAsync(destination, trail.Sequence, result, cancellationToken);
        return trail with { Sequence = trail.Sequence + 1, LastBlockIndex = index, Pending = null };
    }

    private async Task<long> AppendAsync(AuditDestination destination, long sequence, OrchestrationBlock block, CancellationToken cancellationToken)
    {
        var key = $"{destination.DeploymentUid}/{sequence}";
        var index = await logs.Open(destination.Network, destination.LogCanister).AppendAsync(key, block, cancellationToken);
        metrics.AuditBlocks.WithLabels(block.BlockType).Inc();
        logger.LogInformation("Audit log {Log}: block {Index} {BlockType} for canister {Canister} (key {Key})", destination.LogCanister, index, block.BlockType, block.Canister, key);
        return (long)index;
    }
}
