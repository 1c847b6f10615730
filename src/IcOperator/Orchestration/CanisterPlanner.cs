using IcOperator.Api.V1Alpha1;
using IcOperator.ChunkStore;
using IcOperator.Orchestration.Quantities;
using R = IcOperator.Api.V1Alpha1.CanisterDeploymentReasons;

namespace IcOperator.Orchestration;

/// <summary>
/// Decides the one next step for a CanisterDeployment from the resource and what was just observed.
/// Pure: no I/O, no clock. Every step is re-derivable after a restart, because the input holds only what
/// the IC reports and what status recorded before a step ran.
/// </summary>
internal static class CanisterPlanner
{
    public static CanisterPlan Plan(CanisterPlanInput input)
    {
        if (input.Deleting)
        {
            return PlanDeletion(input);
        }

        if (input.Spec.Suspend)
        {
            return Wait(CanisterState.Suspended, R.Suspended, "Reconciling is suspended (spec.suspend); the canister is left as it is.", CanisterPhase.Suspended);
        }

        if (!input.Network.Ready)
        {
            return Wait(CanisterState.WaitingForNetwork, R.NetworkNotReady, $"IcNetwork {input.Spec.NetworkRef.Name} is not Ready: {input.Network.Message}");
        }

        var template = $"WasmTemplate {input.Spec.Template.Name}";
        switch (input.Template)
        {
            case TemplateAvailability.TemplateNotFound:
                return Wait(CanisterState.WaitingForTemplate, R.TemplateNotFound, $"{template} does not exist in this namespace.");
            case TemplateAvailability.VersionMissing:
                return Wait(CanisterState.TemplateVersionMissing, R.TemplateVersionMissing, $"{template} does not list version {input.Spec.Template.Version}; the canister keeps running {input.Status.Version ?? "what it runs"}.");
            case TemplateAvailability.NotVerified:
                return Wait(CanisterState.WaitingForTemplate, R.TemplateVersionNotVerified, $"{template} version {input.Spec.Template.Version} is not verified yet.");
        }

        var module = input.Module ?? throw new ArgumentException("A verified template needs its module.", nameof(input));
        if (string.IsNullOrEmpty(input.Status.CanisterId))
        {
            return PlanWithoutCanister(input);
        }

        var canister = input.Canister;
        if (canister is null || !canister.Exists)
        {
            return Stall(CanisterState.CanisterNotFound, CanisterPhase.Failed, R.CanisterNotFound, $"Canister {input.Status.CanisterId} does not exist on the network; set spec.canisterId to another canister or recreate this resource.");
        }

        if (input.Spec.ManagementPolicy == ManagementPolicy.ObserveOnly)
        {
            return PlanObservation(input, canister, module);
        }

        if (!canister.OperatorIsController)
        {
            return Stall(CanisterState.NotController, CanisterPhase.Failed, R.NotController, $"The operator ({input.Network.OperatorPrincipal}) is not a controller of canister {canister.CanisterId}; add it as a controller or use managementPolicy: ObserveOnly.");
        }

        if (input.Status.LastOperation is { Result: null } operation)
        {
            return operation.Type is OperationType.Rollback or OperationType.Restore
                ? PlanSnapshotLoad(canister, operation)
                : PlanOperation(input, canister, module, operation);
        }

        return PlanSteadyState(input, canister, module);
    }

    private static CanisterPlan PlanDeletion(CanisterPlanInput input)
    {
        var canister = input.Canister;
        var retain = input.Spec.DeletionPolicy == DeletionPolicy.Retain || input.Spec.ManagementPolicy == ManagementPolicy.ObserveOnly;
        if (string.IsNullOrEmpty(input.Status.CanisterId) && !retain && input.Status.PendingCreate?.SpecifiedId is { } chosen && canister is { Exists: true, OperatorIsController: true })
        {
            // An interrupted create made this canister: record it first, so the deletion policy applies to it.
            return Step(CanisterState.Deleting, CanisterPhase.Deleting, R.Deleting, $"Recording canister {chosen}, created by the interrupted create, before applying deletionPolicy {input.Spec.DeletionPolicy}.", CanisterStepKind.Create);
        }

        var managed = !string.IsNullOrEmpty(input.Status.CanisterId) && input.Spec.ManagementPolicy == ManagementPolicy.Full
            && canister is { Exists: true, OperatorIsController: true, ModuleHash: not null, Status: CanisterRunStatus.Running };
        if (managed && PostDeployCalls.NextPreDelete(input.Spec, input.Status) is { } call)
        {
            return Step(CanisterState.Deleting, CanisterPhase.Deleting, R.CallingMethod, $"Calling {call.Method} ({call.Name}) on canister {canister!.CanisterId} before it is deleted.", CanisterStepKind.CallMethod) with
            {
                Step = new CanisterStep(CanisterStepKind.CallMethod) { CallName = call.Name, PreDelete = true },
            };
        }

        if (string.IsNullOrEmpty(input.Status.CanisterId) || canister is null || !canister.Exists || retain)
        {
            return Step(CanisterState.Deleting, CanisterPhase.Deleting, R.Deleting, "The deletion policy is applied; removing the finalizer.", CanisterStepKind.RemoveFinalizer);
        }

        if (canister.Status == CanisterRunStatus.Running)
        {
            return Step(CanisterState.Deleting, CanisterPhase.Deleting, R.Deleting, $"Stopping canister {canister.CanisterId} (deletionPolicy: {input.Spec.DeletionPolicy}).", CanisterStepKind.Stop);
        }

        if (canister.Status == CanisterRunStatus.Stopping)
        {
            return Wait(CanisterState.Deleting, R.Deleting, $"Waiting for canister {canister.CanisterId} to stop.", CanisterPhase.Deleting);
        }

        return input.Spec.DeletionPolicy == DeletionPolicy.Delete
            ? Step(CanisterState.Deleting, CanisterPhase.Deleting, R.Deleting, $"Deleting canister {canister.CanisterId} (deletionPolicy: Delete).", CanisterStepKind.DeleteCanister)
            : Step(CanisterState.Deleting, CanisterPhase.Deleting, R.Deleting, $"Canister {canister.CanisterId} is stopped (deletionPolicy: Stop); removing the finalizer.", CanisterStepKind.RemoveFinalizer);
    }

    private static CanisterPlan PlanWithoutCanister(CanisterPlanInput input)
    {
        if (!string.IsNullOrEmpty(input.Spec.CanisterId))
        {
            return input.Canister is { Exists: true }
                ? Step(CanisterState.Adoptable, CanisterPhase.Pending, R.Progressing, $"Adopting canister {input.Spec.CanisterId}.", CanisterStepKind.Adopt)
                : Stall(CanisterState.CanisterNotFound, CanisterPhase.Failed, R.CanisterNotFound, $"spec.canisterId {input.Spec.CanisterId} does not exist on the network.");
        }

        if (input.Spec.ManagementPolicy == ManagementPolicy.ObserveOnly)
        {
            return Stall(CanisterState.Absent, CanisterPhase.Failed, R.ObserveOnlyNeedsCanisterId, "managementPolicy: ObserveOnly never creates a canister; set spec.canisterId to the canister to observe.");
        }

        if (!input.Argument.Passed)
        {
            return Stall(CanisterState.InvalidArgument, CanisterPhase.Failed, R.InvalidArgument, $"spec.install: {input.Argument.Message}");
        }

        if (!input.Calls.Passed)
        {
            return Stall(CanisterState.InvalidArgument, CanisterPhase.Failed, R.InvalidCall, input.Calls.Message);
        }

        if (!Cycles.TryParse(input.Spec.Create.InitialCycles, out _))
        {
            return Stall(CanisterState.Absent, CanisterPhase.Failed, R.InvalidSpec, $"spec.create.initialCycles: expected cycles such as 2T, 500B or 1_000_000, found \"{input.Spec.Create.InitialCycles}\".");
        }

        if (input.Status.PendingCreate is { } pending)
        {
            return PlanPendingCreate(input, pending);
        }

        return Step(CanisterState.Absent, CanisterPhase.Creating, R.Creating, "Creating the canister.", CanisterStepKind.Create);
    }

    /// <summary>A create was started and its outcome not yet recorded: find it out rather than create blindly again.</summary>
    private static CanisterPlan PlanPendingCreate(CanisterPlanInput input, PendingCreate pending)
    {
        if (pending.SpecifiedId is { } id && input.Canister is { Exists: true } found)
        {
            return found.OperatorIsController
                ? Step(CanisterState.CreatePending, CanisterPhase.Creating, R.Creating, $"Canister {id}, the id chosen for the interrupted create, exists and the operator controls it: recording it as created.", CanisterStepKind.Create)
                : Step(CanisterState.CreatePending, CanisterPhase.Creating, R.Creating, $"Canister {id}, the id chosen for the create, belongs to someone else; choosing another id.", CanisterStepKind.Create);
        }

        if (pending.Call is { } call)
        {
            return Step(CanisterState.CreatePending, CanisterPhase.Creating, R.Creating, $"Reading the outcome of create request {call.RequestId} from the IC; it is not sent again.", CanisterStepKind.Create);
        }

        if (pending.SpecifiedId is { } chosen)
        {
            return Step(CanisterState.CreatePending, CanisterPhase.Creating, R.Creating, $"Creating canister {chosen}, the id chosen before the first attempt.", CanisterStepKind.Create);
        }

        return input.Network.CreateIsDeduplicated
            ? Step(CanisterState.CreatePending, CanisterPhase.Creating, R.Creating, "Retrying the interrupted create with the same created_at_time; the cycles ledger returns the canister already created.", CanisterStepKind.Create)
            : Stall(CanisterState.CreateOutcomeUnknown, CanisterPhase.Failed, R.CreateOutcomeUnknown, $"A create started at {pending.StartedAt:O} recorded neither its request, a chosen canister id nor a created_at_time, and cycles source {input.Network.CyclesSource} cannot deduplicate a retry, so it may or may not have created a canister. Look for a canister created then whose controllers include {input.Network.OperatorPrincipal}: set spec.canisterId to it if it exists, or clear status.pendingCreate to create a new one.");
    }

    private static CanisterPlan PlanObservation(CanisterPlanInput input, ObservedCanister canister, DesiredModule module)
    {
        if (canister.ModuleHash == module.Sha256)
        {
            return input.Status.Version != module.Version || input.Status.ModuleHash != canister.ModuleHash
                ? Step(CanisterState.Unrecorded, CanisterPhase.Ready, R.Observed, $"Canister {canister.CanisterId} runs version {module.Version}.", CanisterStepKind.RecordVersion)
                : Done(CanisterState.Observing, R.Observed, $"Canister {canister.CanisterId} runs version {module.Version} (observed only).");
        }

        return new CanisterPlan
        {
            State = CanisterState.Observing,
            Phase = CanisterPhase.Ready,
            Ready = false,
            Reason = R.ModuleMismatch,
            Message = $"Canister {canister.CanisterId} runs module {canister.ModuleHash ?? "(none)"}, not version {module.Version} ({module.Sha256}); managementPolicy: ObserveOnly leaves it unchanged.",
        };
    }

    private static CanisterPlan PlanOperation(CanisterPlanInput input, ObservedCanister canister, DesiredModule module, OperationRecord operation)
    {
        var upgrade = input.Spec.Upgrade;
        var target = operation.ToModuleHash ?? module.Sha256;
        var phase = operation.Type == OperationType.Install ? CanisterPhase.Installing : CanisterPhase.Upgrading;
        var reason = operation.Type == OperationType.Install ? R.Installing : R.Upgrading;
        var what = $"{operation.Type.ToString().ToLowerInvariant()} to {operation.To}";
        if (operation.Call is { Method: UpgraderCalls.UpgradeMethod } sent)
        {
            // The upgrader may be anywhere between its stop and its start: only its answer tells, and it carries the snapshot id.
            return Step(CanisterState.Upgrading, phase, reason, $"Reading the outcome of upgrade request {sent.RequestId} to the upgrader {sent.CanisterId} from the IC; it is not sent again.", CanisterStepKind.UpgradeThroughUpgrader);
        }

        if (canister.ModuleHash == target)
        {
            if (canister.Status == CanisterRunStatus.Stopped)
            {
                return Step(CanisterState.Upgrading, phase, reason, $"Starting canister {canister.CanisterId} after the {what}.", CanisterStepKind.Start);
            }

            if (canister.Status == CanisterRunStatus.Stopping)
            {
                return Wait(CanisterState.Upgrading, reason, $"Waiting for canister {canister.CanisterId} to stop.", phase);
            }

            if (operation.Step == OperationStep.Unhealthy)
            {
                return CanRollBack(input, operation)
                    ? Step(CanisterState.Unhealthy, CanisterPhase.RollingBack, R.RollingBack, $"The health check failed after the {what}; rolling back to snapshot {operation.SnapshotId}.", CanisterStepKind.BeginRollback)
                    : Complete(CanisterState.Unhealthy, OperationResult.Failed, R.HealthCheckFailed, $"The health check failed after the {what}; no snapshot to roll back to, the canister keeps running version {operation.To}.");
            }

            return upgrade.HealthCheck is not null && operation.Step != OperationStep.Healthy
                ? Step(CanisterState.Verifying, CanisterPhase.Verifying, R.Verifying, $"Checking health of canister {canister.CanisterId} with {upgrade.HealthCheck.Method}.", CanisterStepKind.VerifyHealth)
                : PlanPostDeployCalls(input, canister, operation, phase, what);
        }

        if (operation.Step == OperationStep.InstallRejected)
        {
            if (canister.Status == CanisterRunStatus.Stopped)
            {
                return Step(CanisterState.InstallRejected, phase, reason, $"The IC rejected the {what}; starting canister {canister.CanisterId} again on its old module.", CanisterStepKind.Start);
            }

            return canister.Status == CanisterRunStatus.Stopping
                ? Wait(CanisterState.InstallRejected, reason, $"Waiting for canister {canister.CanisterId} to stop.", phase)
                : Complete(CanisterState.InstallRejected, OperationResult.Failed, R.InstallRejected, operation.Message ?? $"The IC rejected the {what}; the canister still runs {operation.From}.");
        }

        if (operation.Type == OperationType.Install && canister.ModuleHash is null)
        {
            return Step(CanisterState.Installing, phase, reason, $"Installing version {operation.To} on canister {canister.CanisterId}.", CanisterStepKind.Install) with
            {
                Step = new CanisterStep(CanisterStepKind.Install) { Chunked = IsChunked(input, module) },
            };
        }

        var snapshotDue = upgrade.Snapshot && operation.SnapshotId is null && canister.ModuleHash is not null;
        if (input.Network.Upgrader is { } upgrader && operation.Type == OperationType.Upgrade && canister.ModuleHash is not null
            && canister.Status == CanisterRunStatus.Running && operation.SnapshotId is null && (snapshotDue || upgrade.StopBeforeUpgrade))
        {
            return PlanUpgraderCall(input, canister, module, operation, upgrader, snapshotDue, phase, reason, what);
        }

        if (snapshotDue && canister.Status == CanisterRunStatus.Running && upgrade.SnapshotBeforeStop && input.RunningModuleCanMakeCalls == false)
        {
            // A module that cannot call has no call awaiting a response between messages: its snapshot is as safe running,
            // and the canister is then down only for stop, install and start.
            return PlanUpgradeSnapshot(input, canister, operation, phase, reason, what, "before it is stopped for the");
        }

        var needsStop = upgrade.StopBeforeUpgrade || snapshotDue;
        if (needsStop && canister.Status == CanisterRunStatus.Running)
        {
            var why = snapshotDue && upgrade.SnapshotBeforeStop
                ? $" (spec.upgrade.snapshotBeforeStop: the running module {(input.RunningModuleCanMakeCalls == true ? "can make calls" : "is not one the operator has")}, so its snapshot is taken stopped)"
                : string.Empty;
            return Step(CanisterState.Upgrading, phase, reason, $"Stopping canister {canister.CanisterId} before the {what}{why}.", CanisterStepKind.Stop);
        }

        if (needsStop && canister.Status == CanisterRunStatus.Stopping)
        {
            return Wait(CanisterState.Upgrading, reason, $"Waiting for canister {canister.CanisterId} to stop.", phase);
        }

        if (snapshotDue)
        {
            return PlanUpgradeSnapshot(input, canister, operation, phase, reason, what, "before the");
        }

        return Step(CanisterState.Upgrading, phase, reason, $"Upgrading canister {canister.CanisterId} to version {operation.To}.", CanisterStepKind.Upgrade) with
        {
            Step = new CanisterStep(CanisterStepKind.Upgrade) { Chunked = IsChunked(input, module), WasmMemoryPersistence = Persistence(upgrade, module) },
        };
    }

    /// <summary>
    /// An upgrade as one call to the network's upgrader, which stops, snapshots (while stopped), installs from its store
    /// and starts the canister on the subnet: the canister is down for no ingress round. What can be done before it runs
    /// first, while the canister still runs: the upgrader becomes a controller, room is made for the snapshot.
    /// </summary>
    private static CanisterPlan PlanUpgraderCall(CanisterPlanInput input, ObservedCanister canister, DesiredModule module, OperationRecord operation, string upgrader, bool snapshot, CanisterPhase phase, string reason, string what)
    {
        if (!canister.Settings.Controllers.Contains(upgrader, StringComparer.Ordinal))
        {
            return Step(CanisterState.Upgrading, phase, reason, $"Adding the network's upgrader {upgrader} as a controller of canister {canister.CanisterId}, so the {what} is one call to it.", CanisterStepKind.UpdateSettings) with
            {
                Step = new CanisterStep(CanisterStepKind.UpdateSettings) { AddController = upgrader },
            };
        }

        if (snapshot && RecordOrMakeRoom(input, canister, operation, phase, reason, what, "before the") is { } first)
        {
            return first;
        }

        var steps = snapshot ? "stop, snapshot, install, start" : "stop, install, start";
        return Step(CanisterState.Upgrading, phase, reason, $"Upgrading canister {canister.CanisterId} to version {operation.To} with one call to the network's upgrader {upgrader} ({steps}).", CanisterStepKind.UpgradeThroughUpgrader) with
        {
            Step = new CanisterStep(CanisterStepKind.UpgradeThroughUpgrader) { Chunked = IsChunked(input, module), WasmMemoryPersistence = Persistence(input.Spec.Upgrade, module) },
        };
    }

    private static WasmMemoryPersistence? Persistence(UpgradePolicy upgrade, DesiredModule module) =>
        upgrade.WasmMemoryPersistence ?? (module.EnhancedOrthogonalPersistence ? WasmMemoryPersistence.Keep : null);

    /// <summary>The snapshot an upgrade needs: one an interrupted step took is recorded, room is made at the IC's limit, else it is taken.</summary>
    private static CanisterPlan PlanUpgradeSnapshot(CanisterPlanInput input, ObservedCanister canister, OperationRecord operation, CanisterPhase phase, string reason, string what, string when) =>
        RecordOrMakeRoom(input, canister, operation, phase, reason, what, when)
        ?? Step(CanisterState.Upgrading, phase, reason, operation.Call is { Method: "take_canister_snapshot" } call ? $"Reading the outcome of snapshot request {call.RequestId} from the IC; it is not sent again." : $"Taking a snapshot of canister {canister.CanisterId} {when} {what}.", CanisterStepKind.TakeSnapshot);

    /// <summary>Before a snapshot: one an interrupted step took is recorded rather than taken again, and room is made at the IC's limit.</summary>
    private static CanisterPlan? RecordOrMakeRoom(CanisterPlanInput input, ObservedCanister canister, OperationRecord operation, CanisterPhase phase, string reason, string what, string when)
    {
        // A snapshot taken by an interrupted step is recorded rather than taken again (nor room made for another).
        var unrecorded = canister.Snapshots
            .Where(s => operation.StartedAt is { } started && s.TakenAt >= started && input.Status.Snapshots.All(known => known.Id != s.Id))
            .OrderByDescending(s => s.TakenAt)
            .FirstOrDefault();
        if (unrecorded is not null)
        {
            return Step(CanisterState.Upgrading, phase, reason, $"Recording snapshot {unrecorded.Id}, taken {when} {what} by an interrupted step.", CanisterStepKind.TakeSnapshot) with
            {
                Step = new CanisterStep(CanisterStepKind.TakeSnapshot) { SnapshotId = unrecorded.Id },
            };
        }

        if (SnapshotRetention.ToMakeRoom(input.Status, canister, input.SnapshotLimit) is { } oldest)
        {
            return Step(CanisterState.Upgrading, phase, reason, $"Deleting snapshot {oldest} to make room for a new one.", CanisterStepKind.DeleteSnapshot) with
            {
                Step = new CanisterStep(CanisterStepKind.DeleteSnapshot) { SnapshotId = oldest },
            };
        }

        return null;
    }

    /// <summary>A rollback after a failed upgrade, or a restore on request: stop, load the snapshot, start.</summary>
    private static CanisterPlan PlanSnapshotLoad(ObservedCanister canister, OperationRecord operation)
    {
        var restore = operation.Type == OperationType.Restore;
        var (state, phase, reason) = restore
            ? (CanisterState.Restoring, CanisterPhase.Restoring, R.Restoring)
            : (CanisterState.RollingBack, CanisterPhase.RollingBack, R.RollingBack);
        if (operation.Step != OperationStep.SnapshotLoaded)
        {
            return canister.Status switch
            {
                CanisterRunStatus.Running => Step(state, phase, reason, $"Stopping canister {canister.CanisterId} to load snapshot {operation.SnapshotId}.", CanisterStepKind.Stop),
                CanisterRunStatus.Stopping => Wait(state, reason, $"Waiting for canister {canister.CanisterId} to stop.", phase),
                _ => Step(state, phase, reason, $"Loading snapshot {operation.SnapshotId} into canister {canister.CanisterId}.", CanisterStepKind.LoadSnapshot) with
                {
                    Step = new CanisterStep(CanisterStepKind.LoadSnapshot) { SnapshotId = operation.SnapshotId },
                },
            };
        }

        if (canister.Status == CanisterRunStatus.Stopped)
        {
            return Step(state, phase, reason, $"Starting canister {canister.CanisterId} on the restored snapshot.", CanisterStepKind.Start);
        }

        if (canister.Status == CanisterRunStatus.Stopping)
        {
            return Wait(state, reason, $"Waiting for canister {canister.CanisterId} to stop.", phase);
        }

        if (restore)
        {
            return operation.ToModuleHash is null || canister.ModuleHash == operation.ToModuleHash
                ? Complete(state, OperationResult.Succeeded, R.Restored, $"Snapshot {operation.SnapshotId} was loaded on request ({operation.RequestedAt}); canister {canister.CanisterId} runs module {canister.ModuleHash ?? "(none)"}.")
                : Complete(state, OperationResult.Failed, R.RestoreFailed, $"After loading snapshot {operation.SnapshotId}, canister {canister.CanisterId} runs module {canister.ModuleHash ?? "(none)"}, expected {operation.ToModuleHash}.");
        }

        return canister.ModuleHash == operation.FromModuleHash
            ? Complete(state, OperationResult.RolledBack, R.RolledBack, $"Version {operation.To} was rolled back: {operation.Message} Canister {canister.CanisterId} runs version {operation.From} again.")
            : Complete(state, OperationResult.Failed, R.RollbackFailed, $"After loading snapshot {operation.SnapshotId}, canister {canister.CanisterId} runs module {canister.ModuleHash ?? "(none)"}, expected {operation.FromModuleHash}.");
    }

    /// <summary>After a healthy install or upgrade: the post-deploy calls declared for it, in order, each once.</summary>
    private static CanisterPlan PlanPostDeployCalls(CanisterPlanInput input, ObservedCanister canister, OperationRecord operation, CanisterPhase phase, string what)
    {
        foreach (var call in PostDeployCalls.For(input.Spec, operation.Type))
        {
            var record = operation.Calls.FirstOrDefault(c => c.Name == call.Name);
            switch (record?.Result)
            {
                case null:
                    return Step(CanisterState.Calling, phase, R.CallingMethod, $"Calling {call.Method} ({call.Name}) on canister {canister.CanisterId} after the {what}.", CanisterStepKind.CallMethod) with
                    {
                        Step = new CanisterStep(CanisterStepKind.CallMethod) { CallName = call.Name },
                    };
                case CallResult.Replied:
                    continue;
                case CallResult.Unknown:
                    return Stall(CanisterState.Calling, CanisterPhase.Failed, R.CallOutcomeUnknown, $"Post-deploy call {call.Name} ({call.Method}) was sent at {record.SentAt:O} and its outcome can no longer be read; check the canister, then change the spec to deploy again.");
                default:
                    var problem = $"Post-deploy call {call.Name} ({call.Method}) was rejected after the {what}: {record.Message}";
                    return CanRollBack(input, operation)
                        ? Step(CanisterState.Unhealthy, CanisterPhase.RollingBack, R.RollingBack, $"{problem} Rolling back to snapshot {operation.SnapshotId}.", CanisterStepKind.BeginRollback) with
                        {
                            Step = new CanisterStep(CanisterStepKind.BeginRollback) { Message = problem },
                        }
                        : Complete(CanisterState.Calling, OperationResult.Failed, R.PostDeployCallFailed, $"{problem} The canister keeps running version {operation.To}.");
            }
        }

        return Complete(CanisterState.Verifying, OperationResult.Succeeded, R.Deployed, $"Canister {canister.CanisterId} runs version {operation.To}.");
    }

    private static CanisterPlan PlanSteadyState(CanisterPlanInput input, ObservedCanister canister, DesiredModule module)
    {
        var status = input.Status;
        if (input.Spec.Restore is { } restore && restore.RequestedAt != status.LastHandledRestoreAt)
        {
            return canister.Snapshots.Any(s => string.Equals(s.Id, restore.SnapshotId, StringComparison.OrdinalIgnoreCase))
                ? Step(CanisterState.Restoring, CanisterPhase.Restoring, R.Restoring, $"Restoring snapshot {restore.SnapshotId} into canister {canister.CanisterId} on request ({restore.RequestedAt}).", CanisterStepKind.BeginOperation) with
                {
                    Step = new CanisterStep(CanisterStepKind.BeginOperation) { Operation = OperationType.Restore },
                }
                : Stall(CanisterState.Restoring, CanisterPhase.Failed, R.SnapshotNotFound, $"spec.restore.snapshotId: canister {canister.CanisterId} has no snapshot {restore.SnapshotId}; it has {(canister.Snapshots.Count == 0 ? "none" : string.Join(", ", canister.Snapshots.Select(s => s.Id)))}.");
        }

        if (canister.ModuleHash == module.Sha256 && status.LastOperation is { Result: OperationResult.Failed, Type: OperationType.Install or OperationType.Upgrade } failed
            && failed.To == module.Version && failed.Calls.Any(c => c.Result is not CallResult.Replied))
        {
            // The module is in, but a post-deploy call failed: the deploy is failed until the spec changes, then its calls run again.
            return status.FailedGeneration == input.Generation
                ? Stall(CanisterState.Failed, CanisterPhase.Failed, R.PostDeployCallFailed, failed.Message ?? $"A post-deploy call of version {module.Version} failed.")
                : Step(CanisterState.Calling, CanisterPhase.Installing, R.CallingMethod, $"The spec changed; running the post-deploy calls of version {module.Version} again.", CanisterStepKind.BeginOperation) with
                {
                    Step = new CanisterStep(CanisterStepKind.BeginOperation) { Operation = failed.Type },
                };
        }

        if (canister.ModuleHash == module.Sha256)
        {
            if (status.Version != module.Version || status.ModuleHash != canister.ModuleHash)
            {
                return Step(CanisterState.Unrecorded, CanisterPhase.Ready, R.Deployed, $"Canister {canister.CanisterId} already runs version {module.Version}.", CanisterStepKind.RecordVersion);
            }

            IReadOnlyList<string> drift;
            try
            {
                drift = SettingsDrift.Find(input.Spec.Settings, canister.Settings, input.Network.OperatorPrincipal, input.Network.Upgrader);
            }
            catch (QuantityFormatException e)
            {
                return Stall(CanisterState.SettingsDrifted, CanisterPhase.Failed, R.InvalidSpec, e.Message);
            }

            if (drift.Count > 0)
            {
                return Step(CanisterState.SettingsDrifted, CanisterPhase.Ready, R.SettingsDrift, $"Settings differ from the spec ({string.Join(", ", drift)}); updating them.", CanisterStepKind.UpdateSettings);
            }

            if (canister.Status == CanisterRunStatus.Stopped)
            {
                return Step(CanisterState.Stopped, CanisterPhase.Ready, R.CanisterStopped, $"Canister {canister.CanisterId} is stopped; starting it.", CanisterStepKind.Start);
            }

            if (SnapshotRetention.BeyondRetention(status, canister, input.Spec.SnapshotRetention) is [var oldest, ..])
            {
                return Step(CanisterState.SnapshotsOverRetention, CanisterPhase.Ready, R.PruningSnapshots, $"Deleting snapshot {oldest}: more than {input.Spec.SnapshotRetention} kept.", CanisterStepKind.DeleteSnapshot) with
                {
                    Step = new CanisterStep(CanisterStepKind.DeleteSnapshot) { SnapshotId = oldest },
                };
            }

            return Done(CanisterState.InSync, R.Deployed, $"Canister {canister.CanisterId} runs version {module.Version}.");
        }

        var drifted = canister.ModuleHash is not null && status.Version == module.Version && status.ModuleHash == module.Sha256;
        if (status.FailedVersion == module.Version && status.FailedGeneration == input.Generation && status.Failures > input.Spec.Upgrade.Retries)
        {
            return Stall(CanisterState.Failed, CanisterPhase.Failed, R.VersionFailed, $"Version {module.Version} failed {status.Failures} time(s) and is not retried until the spec changes: {status.LastOperation?.Message}");
        }

        if (!input.Argument.Passed)
        {
            return Stall(CanisterState.InvalidArgument, CanisterPhase.Failed, R.InvalidArgument, $"spec.install: {input.Argument.Message}");
        }

        if (!input.Calls.Passed)
        {
            return Stall(CanisterState.InvalidArgument, CanisterPhase.Failed, R.InvalidCall, input.Calls.Message);
        }

        if (canister.ModuleHash is null)
        {
            return Step(CanisterState.Empty, CanisterPhase.Installing, R.Installing, $"Canister {canister.CanisterId} is empty; installing version {module.Version}.", CanisterStepKind.BeginOperation) with
            {
                Step = new CanisterStep(CanisterStepKind.BeginOperation) { Operation = OperationType.Install },
            };
        }

        if (input.Spec.Upgrade.CheckInterface && !input.Interface.Passed)
        {
            return Stall(CanisterState.InterfaceIncompatible, CanisterPhase.Failed, R.InterfaceIncompatible, $"Version {module.Version}'s candid:service is not a subtype of the running one, so clients could break (spec.upgrade.checkInterface): {input.Interface.Message}");
        }

        return drifted
            ? Step(CanisterState.Drifted, CanisterPhase.Upgrading, R.DriftDetected, $"Canister {canister.CanisterId} runs module {canister.ModuleHash}, not version {module.Version} that the operator installed; reinstalling it by upgrade.", CanisterStepKind.BeginOperation) with
            {
                Step = new CanisterStep(CanisterStepKind.BeginOperation) { Operation = OperationType.Upgrade, Message = "drift" },
            }
            : Step(CanisterState.OutOfSync, CanisterPhase.Upgrading, R.Upgrading, $"Upgrading canister {canister.CanisterId} from {status.Version ?? canister.ModuleHash} to version {module.Version}.", CanisterStepKind.BeginOperation) with
            {
                Step = new CanisterStep(CanisterStepKind.BeginOperation) { Operation = OperationType.Upgrade },
            };
    }

    private static bool CanRollBack(CanisterPlanInput input, OperationRecord operation) =>
        operation.Type == OperationType.Upgrade && input.Spec.Upgrade.RollbackOnFailure && operation.SnapshotId is not null;

    private static bool IsChunked(CanisterPlanInput input, DesiredModule module) =>
        InstallStrategy.IsChunked(module.Size, ArgumentSize(input.Spec.Install));

    /// <summary>Whether the desired module goes on through a chunk store (as the install or upgrade step will say).</summary>
    public static bool InstallsChunked(CanisterPlanInput input) => input.Module is { } module && IsChunked(input, module);

    private static long ArgumentSize(InstallOptions install) =>
        install.ArgHex is { } hex ? hex.Length / 2 : install.Arg?.Length ?? 0;

    private static CanisterPlan Step(CanisterState state, CanisterPhase phase, string reason, string message, CanisterStepKind kind) => new()
    {
        State = state,
        Phase = phase,
        Ready = false,
        Reason = reason,
        Message = message,
        Step = new CanisterStep(kind),
    };

    private static CanisterPlan Complete(CanisterState state, OperationResult result, string reason, string message) => new()
    {
        State = state,
        Phase = result == OperationResult.Succeeded ? CanisterPhase.Ready : CanisterPhase.Failed,
        Ready = false,
        Reason = reason,
        Message = message,
        Step = new CanisterStep(CanisterStepKind.CompleteOperation) { Result = result, Message = message },
    };

    private static CanisterPlan Wait(CanisterState state, string reason, string message, CanisterPhase phase = CanisterPhase.Pending) => new()
    {
        State = state,
        Phase = phase,
        Ready = false,
        Reason = reason,
        Message = message,
    };

    private static CanisterPlan Stall(CanisterState state, CanisterPhase phase, string reason, string message) => new()
    {
        State = state,
        Phase = phase,
        Ready = false,
        Stalled = true,
        Reason = reason,
        Message = message,
    };

    private static CanisterPlan Done(CanisterState state, string reason, string message) => new()
    {
        State = state,
        Phase = CanisterPhase.Ready,
        Ready = true,
        Reason = reason,
        Message = message,
    };
}
