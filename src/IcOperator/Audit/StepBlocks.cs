using System.Numerics;
using IcOperator.Agent.Icrc121;
using IcOperator.Api.V1Alpha1;
using IcOperator.Controllers.CanisterActions;
using IcOperator.Orchestration;
using IcOperator.Orchestration.Quantities;

namespace IcOperator.Audit;

/// <summary>
/// Which ICRC-121 block announces a step before it runs, and which records its result after. A table,
/// not a search: steps that change nothing on the IC (status writes) announce nothing, except the start and
/// end of an install or upgrade, which are <c>121upgrade_to</c> and <c>121upgrade_finished</c>.
/// </summary>
internal static class StepBlocks
{
    /// <summary>
    /// The blocks written before the step, in order; none when the step is not audited. One call to the upgrader runs
    /// the stop, the snapshot (when the upgrade takes one) and the start on the subnet, so all three are announced
    /// before it is sent; the snapshot's result follows its reply.
    /// </summary>
    public static IReadOnlyList<OrchestrationBlock> Announce(AuditedStep s) => s.Step.Kind switch
    {
        CanisterStepKind.UpgradeThroughUpgrader => UpgraderTakesSnapshot(s)
            ? [OrchestrationBlocks.Stop(s.Caller, s.Canister), OrchestrationBlocks.Snapshot(s.Caller, s.Canister), OrchestrationBlocks.Start(s.Caller, s.Canister)]
            : [OrchestrationBlocks.Stop(s.Caller, s.Canister), OrchestrationBlocks.Start(s.Caller, s.Canister)],
        _ => AnnounceOne(s) is { } block ? [block] : [],
    };

    /// <summary>Whether the upgrader is asked to snapshot the canister (as <c>UpgraderAction</c> asks it).</summary>
    private static bool UpgraderTakesSnapshot(AuditedStep s) => s.Spec.Upgrade.Snapshot && s.Status.LastOperation?.SnapshotId is null;

    private static OrchestrationBlock? AnnounceOne(AuditedStep s) => s.Step.Kind switch
    {
        CanisterStepKind.BeginOperation when s.Step.Operation is OperationType.Install or OperationType.Upgrade && Hash(s.DesiredModuleHash) is { } hash =>
            OrchestrationBlocks.UpgradeTo(
                s.Caller, s.Canister, hash, s.Argument,
                stop: s.Step.Operation == OperationType.Upgrade && s.Spec.Upgrade.StopBeforeUpgrade,
                snapshot: s.Step.Operation == OperationType.Upgrade && s.Spec.Upgrade.Snapshot,
                timeoutNanos: s.Spec.Upgrade.HealthCheck is { } check ? (BigInteger)GoDuration.Parse(check.Timeout, "spec.upgrade.healthCheck.timeout").Ticks * 100 : null),
        // A restore on request has no 121upgrade_to to finish: its 121revert_result is its result.
        CanisterStepKind.CompleteOperation when s.Status.LastOperation?.Type != OperationType.Restore && Hash(s.Status.LastOperation?.ToModuleHash) is { } hash =>
            OrchestrationBlocks.UpgradeFinished(s.Caller, s.Canister, hash, s.Step.Result == OperationResult.Succeeded
                ? OrchestrationOutcome.Success
                : OrchestrationOutcome.Failed($"{s.Step.Result}: {s.Step.Message ?? s.Status.LastOperation?.Message ?? "no message"}")),
        CanisterStepKind.Stop => OrchestrationBlocks.Stop(s.Caller, s.Canister),
        CanisterStepKind.Start => OrchestrationBlocks.Start(s.Caller, s.Canister),
        CanisterStepKind.TakeSnapshot when s.Step.SnapshotId is null => OrchestrationBlocks.Snapshot(s.Caller, s.Canister),
        CanisterStepKind.DeleteSnapshot => OrchestrationBlocks.CleanSnapshot(s.Caller, s.Canister, Convert.FromHexString(s.Step.SnapshotId!)),
        CanisterStepKind.LoadSnapshot => OrchestrationBlocks.RevertSnapshot(s.Caller, s.Canister, Convert.FromHexString(s.Step.SnapshotId!)),
        // The network's upgrader added to the controllers: the controllers it sets are the block's config.
        CanisterStepKind.UpdateSettings when s.Step.AddController is not null && s.ControllersAfterStep is { } controllers =>
            OrchestrationBlocks.Config(s.Caller, s.Canister, new CanisterConfig { Controllers = controllers }),
        CanisterStepKind.UpdateSettings when s.Step.AddController is null && Config(s) is { IsEmpty: false } config => OrchestrationBlocks.Config(s.Caller, s.Canister, config),
        _ => null,
    };

    /// <summary>
    /// The block recording how an announced step ended, read from the status after it (or, after a restart, from the
    /// status the operator found); null for steps whose announcement is their only block.
    /// </summary>
    public static OrchestrationBlock? Result(AuditedStep s, PendingAuditBlock announced) => Enum.Parse<CanisterStepKind>(announced.Step) switch
    {
        CanisterStepKind.UpgradeThroughUpgrader when announced.BlockType == Icrc121BlockTypes.Snapshot || announced.AlsoAnnounced.Contains(Icrc121BlockTypes.Snapshot) =>
            SnapshotResult(s),
        CanisterStepKind.TakeSnapshot => SnapshotResult(s),
        CanisterStepKind.LoadSnapshot => s.Status.LastOperation is { Step: OperationStep.SnapshotLoaded, SnapshotId: { } loaded }
            ? OrchestrationBlocks.RevertResult(s.Caller, s.Canister, Convert.FromHexString(loaded), OrchestrationOutcome.Success)
            : OrchestrationBlocks.RevertResult(s.Caller, s.Canister, Convert.FromHexString(s.Status.LastOperation?.SnapshotId ?? string.Empty), OrchestrationOutcome.Failed("the snapshot was not loaded")),
        _ => null,
    };

    private static OrchestrationBlock SnapshotResult(AuditedStep s) => s.Status.LastOperation?.SnapshotId is { } id
        ? OrchestrationBlocks.SnapshotFinished(s.Caller, s.Canister, Convert.FromHexString(id), OrchestrationOutcome.Success)
        : OrchestrationBlocks.SnapshotFinished(s.Caller, s.Canister, null, OrchestrationOutcome.Failed("no snapshot was recorded"));

    private static byte[]? Hash(string? hex) => hex is { Length: 64 } ? Convert.FromHexString(hex) : null;

    private static CanisterConfig Config(AuditedStep s)
    {
        if (s.Spec.Settings is not { } settings)
        {
            return new CanisterConfig();
        }

        var wanted = SettingsConversion.ToManagement(settings, s.Caller.ToString());
        return new CanisterConfig
        {
            Controllers = wanted.Controllers,
            ComputeAllocation = wanted.ComputeAllocation,
            MemoryAllocation = wanted.MemoryAllocation,
            FreezingThreshold = wanted.FreezingThreshold,
            ReservedCyclesLimit = wanted.ReservedCyclesLimit,
            WasmMemoryLimit = wanted.WasmMemoryLimit,
            LogVisibility = wanted.LogVisibility switch
            {
                Agent.Management.LogVisibility.Public => "public",
                Agent.Management.LogVisibility.Controllers => "controllers",
                _ => null,
            },
        };
    }
}
