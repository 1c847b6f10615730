using IcOperator.Agent.Responses;
using IcOperator.Agent.Transport;
using IcOperator.Api.V1Alpha1;
using IcOperator.Candid;
using IcOperator.ChunkStore;
using IcOperator.Controllers.Calls;
using IcOperator.Orchestration;

namespace IcOperator.Controllers.CanisterActions;

/// <summary>
/// An upgrade as one call to the network's upgrader (its chunk-store canister), which stops the canister, snapshots it
/// while stopped, installs from its store and starts it, as calls on the subnet. The request is recorded in
/// lastOperation.call before it is sent and, after a restart or a lost reply, read back by request id, never sent
/// again; its answer carries the snapshot id, recorded for a rollback. A failed stop or snapshot left the old module
/// running and is retried; a failed install is recorded as rejected (with the snapshot); a failed start leaves the
/// canister stopped on its new module, which the next step starts.
/// </summary>
internal sealed class UpgraderAction : ICanisterAction
{
    public IReadOnlyCollection<CanisterStepKind> Steps { get; } = [CanisterStepKind.UpgradeThroughUpgrader];

    public async Task<CanisterDeploymentStatus> ExecuteAsync(CanisterActionContext context, CanisterStep step, CancellationToken cancellationToken)
    {
        var canister = context.RequireCanister();
        var operation = context.Status.LastOperation!;
        var agent = context.Network.Agent;
        var outcome = operation.Call is { Method: UpgraderCalls.UpgradeMethod } recorded
            ? await ExactlyOnceCall.ReadAsync(agent, recorded, cancellationToken)
            : null;
        if (outcome is null)
        {
            var module = context.RequireModule();
            var upgrader = context.Network.Upgrader ?? throw new InvalidOperationException($"CanisterDeployment {context.Namespace}/{context.Deployment.Metadata.Name}: expected the network's upgrader for this step, found none.");
            var store = context.Network.ChunkStore ?? throw new InvalidOperationException($"CanisterDeployment {context.Namespace}/{context.Deployment.Metadata.Name}: expected the chunk store the upgrader installs from, found none.");

            // The upgrader installs from its own store: what it lacks goes up now, while the canister still runs.
            using var lease = await ModuleInstaller.LeaseChunksAsync(context, store, module, cancellationToken);
            var request = new UpgradeRequest
            {
                Canister = canister,
                WasmModuleHash = Convert.FromHexString(module.Sha256),
                ChunkHashes = [.. module.ChunkHashes.Select(Convert.FromHexString)],
                Arg = context.Argument,
                SkipPreUpgrade = context.Deployment.Spec.Upgrade.SkipPreUpgrade ? true : null,
                WasmMemoryPersistence = step.WasmMemoryPersistence?.ToString().ToLowerInvariant(),
                Snapshot = context.Deployment.Spec.Upgrade.Snapshot && operation.SnapshotId is null,
            };
            outcome = await ExactlyOnceCall.RunAsync(
                agent,
                null,
                UpgraderCalls.Upgrade(upgrader, request),
                (c, ct) => context.WriteStatusAsync(context.Status with { LastOperation = operation with { Call = c } }, ct),
                cancellationToken);
        }

        switch (outcome.Kind)
        {
            case CallOutcomeKind.Replied:
                return await AppliedAsync(context, operation, canister, outcome, cancellationToken);
            case CallOutcomeKind.InFlight:
                return context.Status with { LastOperation = operation with { Call = outcome.Call } };
            case CallOutcomeKind.Pruned:
                // It ran, but its answer is gone: the snapshot it took is found among the canister's, the rest is read from the canister.
                return await FoundSnapshotAsync(context, operation with { Call = null }, canister, cancellationToken);
            default:
                await context.WriteStatusAsync(context.Status with { LastOperation = operation with { Call = null } }, cancellationToken);
                throw outcome.Reject!;
        }
    }

    private static async Task<CanisterDeploymentStatus> AppliedAsync(CanisterActionContext context, OperationRecord operation, Principal canister, CallOutcome outcome, CancellationToken cancellationToken)
    {
        var reply = UpgraderCalls.Read(outcome.RequireReply());
        var done = operation with { Call = null };
        var status = reply.SnapshotId is { } snapshot ? SnapshotAction.Recorded(context, done, snapshot) : context.Status with { LastOperation = done };
        switch (reply.Failure)
        {
            case null:
                return status;
            case { Step: "stop" or "snapshot" } failure:
                // Nothing was installed and the canister runs its old module again (or is stopped, which the next step sees): retried.
                await context.WriteStatusAsync(status, cancellationToken);
                throw new IcRejectException(Principal.Parse(outcome.Call.CanisterId), UpgraderCalls.UpgradeMethod, (RejectCode)failure.RejectCode, null,
                    $"the upgrader's {failure.Step} of canister {canister} was rejected: {failure.Message}");
            case { Step: "install" } failure:
                if (failure.Message.Contains("chunk store", StringComparison.OrdinalIgnoreCase))
                {
                    // Someone cleared the store behind our back: list it again before the retry.
                    context.Network.ChunkStore?.Forget();
                }

                return status with
                {
                    LastOperation = status.LastOperation! with
                    {
                        Step = OperationStep.InstallRejected,
                        Message = $"The IC rejected the install of version {operation.To} through the upgrader (reject code {failure.RejectCode}): {failure.Message}",
                    },
                };
            default:
                // The start failed: the canister holds the new module, stopped; the planner starts it.
                return status;
        }
    }

    private static async Task<CanisterDeploymentStatus> FoundSnapshotAsync(CanisterActionContext context, OperationRecord operation, Principal canister, CancellationToken cancellationToken)
    {
        var snapshots = await context.Network.Management.ListCanisterSnapshotsAsync(canister, cancellationToken);
        var taken = SettingsConversion.Observe(snapshots)
            .Where(s => operation.StartedAt is { } started && s.TakenAt >= started && context.Status.Snapshots.All(known => !string.Equals(known.Id, s.Id, StringComparison.OrdinalIgnoreCase)))
            .OrderByDescending(s => s.TakenAt)
            .FirstOrDefault();
        return taken is null ? context.Status with { LastOperation = operation } : SnapshotAction.Recorded(context, operation, taken.Id);
    }
}
