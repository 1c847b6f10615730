using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace IcOperator.Api.V1Alpha1;

/// <summary>How an upgrade is done and what happens when it fails.</summary>
[Description("How an upgrade is done and what happens when it fails.")]
public sealed record UpgradePolicy
{
    [DefaultValue(true)]
    [Description("Take a canister snapshot before each upgrade (its id is recorded in status before the upgrade starts).")]
    public bool Snapshot { get; init; } = true;

    [DefaultValue(true)]
    [Description("Stop the canister before the upgrade and start it afterwards, so no message is processed half-way.")]
    public bool StopBeforeUpgrade { get; init; } = true;

    [DefaultValue(false)]
    [Description("Take the snapshot before the stop, so the canister is down only for stop, install and start; only when the running module cannot make calls (imports neither ic0.call_new nor ic0.call_perform), else it is taken stopped. A rollback loses the updates between snapshot and stop.")]
    public bool SnapshotBeforeStop { get; init; }

    [DefaultValue(false)]
    [Description("Upgrade without running the old module's pre_upgrade hook (for a module whose pre_upgrade traps).")]
    public bool SkipPreUpgrade { get; init; }

    [Description("keep or replace the Wasm memory (enhanced orthogonal persistence). Unset: keep when the new module declares enhanced orthogonal persistence.")]
    public WasmMemoryPersistence? WasmMemoryPersistence { get; init; }

    [DefaultValue(true)]
    [Description("Load the snapshot back when the upgrade or its health check fails (requires snapshot: true).")]
    public bool RollbackOnFailure { get; init; } = true;

    [DefaultValue(0)]
    [Range(0, 10)]
    [Description("Further attempts of a failed version before it is marked failed and no longer retried until the spec changes.")]
    public int Retries { get; init; }

    [DefaultValue(true)]
    [Description("Refuse an upgrade whose candid:service is not a subtype of the running module's.")]
    public bool CheckInterface { get; init; } = true;

    [Description("A method that must reply as expected after install and upgrade; without it a started canister counts as healthy.")]
    public HealthCheck? HealthCheck { get; init; }
}
