namespace IcOperator.Orchestration;

/// <summary>The single step a reconcile runs. Each is carried out by one action class.</summary>
public enum CanisterStepKind
{
    /// <summary>Nothing to do: the canister is where it should be, or the operator waits for something else.</summary>
    None,

    /// <summary>Record the canister id of an adopted canister (status only).</summary>
    Adopt,

    /// <summary>Record pendingCreate, create the canister, record its id (Create action).</summary>
    Create,

    /// <summary>Record the start of an install or upgrade in status before touching the canister.</summary>
    BeginOperation,

    /// <summary>stop_canister.</summary>
    Stop,

    /// <summary>start_canister.</summary>
    Start,

    /// <summary>take_canister_snapshot, then record its id; with a SnapshotId, only record that one (Snapshot action).</summary>
    TakeSnapshot,

    /// <summary>delete_canister_snapshot of an operator-taken snapshot (Snapshot action).</summary>
    DeleteSnapshot,

    /// <summary>install_code in install mode, plain or chunked (Install action).</summary>
    Install,

    /// <summary>install_code in upgrade mode, plain or chunked (Upgrade action).</summary>
    Upgrade,

    /// <summary>
    /// One call to the network's upgrader: stop, snapshot (when the upgrade takes one), install from its chunk store,
    /// start, as calls on the subnet; the request is recorded before it is sent (UpgradeThroughUpgrader action).
    /// </summary>
    UpgradeThroughUpgrader,

    /// <summary>Call the health check and record the verdict.</summary>
    VerifyHealth,

    /// <summary>Record that a failed upgrade is being rolled back.</summary>
    BeginRollback,

    /// <summary>load_canister_snapshot (Rollback action).</summary>
    LoadSnapshot,

    /// <summary>Record the operation's end: succeeded, rolled back or failed.</summary>
    CompleteOperation,

    /// <summary>update_settings (UpdateSettings action).</summary>
    UpdateSettings,

    /// <summary>Record version and module hash of a canister already running the wanted module (status only).</summary>
    RecordVersion,

    /// <summary>delete_canister (Delete action).</summary>
    DeleteCanister,

    /// <summary>A post-deploy or pre-delete update call, recorded before it is sent (Call action).</summary>
    CallMethod,

    /// <summary>Remove the finalizer: the deletion policy has been applied.</summary>
    RemoveFinalizer,
}
