using System.ComponentModel;
using IcOperator.Api.Schema;

namespace IcOperator.Api.V1Alpha1;

/// <summary>What the operator did and what it read back from the IC.</summary>
[Description("What the operator did and what it read back from the IC.")]
public sealed record CanisterDeploymentStatus
{
    [Description("The metadata.generation this status was computed for.")]
    public long? ObservedGeneration { get; init; }

    [Description("The last value of the ic-operator.dev/reconcile-requested-at annotation the operator handled.")]
    public string? LastHandledReconcileAt { get; init; }

    [Description("The canister's id.")]
    public string? CanisterId { get; init; }

    [Description("The subnet the canister is on, read once from the IC when an install needs the network's chunk store on that subnet.")]
    public string? Subnet { get; init; }

    [Description("Pending, Creating, Installing, Upgrading, Verifying, RollingBack, Ready, Failed, Suspended or Deleting.")]
    public CanisterPhase? Phase { get; init; }

    [Description("The template version now running.")]
    public string? Version { get; init; }

    [Description("SHA-256 of the installed module, as read from the IC (canister_status), not assumed.")]
    public string? ModuleHash { get; init; }

    [Description("running, stopping or stopped, as read from the IC.")]
    public string? CanisterStatus { get; init; }

    [Description("The canister's cycles balance as read from the IC, refreshed once it moved by 1% or more (the exact balance is the ic_operator_canister_cycles metric).")]
    public string? Cycles { get; init; }

    [Description("The canister's memory size in bytes, as read from the IC.")]
    public string? MemorySize { get; init; }

    [Description("The last install, upgrade or rollback.")]
    public OperationRecord? LastOperation { get; init; }

    [Description("The snapshots the operator took and keeps, oldest first.")]
    public List<SnapshotRecord> Snapshots { get; init; } = [];

    [Description("A version that failed and was rolled back: it is not retried until the spec changes.")]
    public string? FailedVersion { get; init; }

    [Description("The last deployments, newest first.")]
    public List<DeploymentRecord> History { get; init; } = [];

    [Description("The metadata.generation failedVersion failed at; a new generation (any spec change) allows another attempt.")]
    public long? FailedGeneration { get; init; }

    [Description("Consecutive failed attempts for the current spec.")]
    public int Failures { get; init; }

    [Description("The pre-delete calls made since deletion began, each recorded before it was sent.")]
    public List<CallRecord> PreDeleteCalls { get; init; } = [];

    [Description("The spec.restore.requestedAt of the last restore handled.")]
    public string? LastHandledRestoreAt { get; init; }

    [Description("Set while a create call may be in flight; see the API documentation.")]
    public PendingCreate? PendingCreate { get; init; }

    [Description("The blocks this deployment wrote to its network's audit log, when the network has one.")]
    public AuditTrailStatus? AuditLog { get; init; }

    [ListMap("type")]
    [Description("Ready, Reconciling and Stalled, as kstatus defines them.")]
    public List<Condition> Conditions { get; init; } = [];
}
