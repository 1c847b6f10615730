using System.Numerics;
using IcOperator.Agent.Icrc3;
using IcOperator.Candid;

namespace IcOperator.Agent.Icrc121;

/// <summary>
/// Typed builders of the <c>tx</c> of each ICRC-121 block. Principals are blobs of their raw bytes, flags and
/// durations are Nat, hashes are 32-byte blobs. Optional fields appear only when they apply.
/// </summary>
public static class OrchestrationBlocks
{
    /// <summary>
    /// An install or upgrade is about to run: ICRC-120's <c>UpgradeToRequest</c> as a block, the target module hash, the
    /// install argument itself (<c>args</c>, Candid bytes), and the stop, snapshot and timeout the upgrade asks for.
    /// </summary>
    public static OrchestrationBlock UpgradeTo(
        Principal caller, Principal canister, byte[] moduleHash, byte[] args,
        bool stop = false, bool snapshot = false, BigInteger? timeoutNanos = null, CanisterConfig? parameters = null)
    {
        RequireHash(moduleHash, "hash");
        ArgumentNullException.ThrowIfNull(args);
        var fields = Common(caller, canister);
        fields.Add(("hash", Icrc3Value.Blob(moduleHash)));
        fields.Add(("args", Icrc3Value.Blob(args)));
        if (stop)
        {
            fields.Add(("stop", Icrc3Value.Nat(1)));
        }

        if (snapshot)
        {
            fields.Add(("snapshot", Icrc3Value.Nat(1)));
        }

        if (timeoutNanos is { } timeout)
        {
            fields.Add(("timeout", Icrc3Value.Nat(timeout)));
        }

        if (parameters is { IsEmpty: false })
        {
            fields.Add(("parameters", Configs(parameters)));
        }

        return Build(Icrc121BlockTypes.UpgradeTo, fields);
    }

    /// <summary>The install or upgrade announced by a <c>121upgrade_to</c> ended.</summary>
    public static OrchestrationBlock UpgradeFinished(Principal caller, Principal canister, byte[] moduleHash, OrchestrationOutcome outcome)
    {
        RequireHash(moduleHash, "hash");
        var fields = Common(caller, canister);
        fields.Add(("hash", Icrc3Value.Blob(moduleHash)));
        return Build(Icrc121BlockTypes.UpgradeFinished, WithOutcome(fields, outcome));
    }

    public static OrchestrationBlock Snapshot(Principal caller, Principal canister) =>
        Build(Icrc121BlockTypes.Snapshot, Common(caller, canister));

    /// <summary>The snapshot announced by <c>121snapshot</c> was taken (with its id) or failed.</summary>
    public static OrchestrationBlock SnapshotFinished(Principal caller, Principal canister, byte[]? snapshotId, OrchestrationOutcome outcome)
    {
        var fields = Common(caller, canister);
        if (snapshotId is not null)
        {
            fields.Add(("snapshot_id", Icrc3Value.Blob(snapshotId)));
        }

        return Build(Icrc121BlockTypes.SnapshotFinished, WithOutcome(fields, outcome));
    }

    public static OrchestrationBlock CleanSnapshot(Principal caller, Principal canister, byte[] snapshotId) =>
        Build(Icrc121BlockTypes.CleanSnapshot, [.. Common(caller, canister), ("snapshot_id", Icrc3Value.Blob(snapshotId))]);

    public static OrchestrationBlock RevertSnapshot(Principal caller, Principal canister, byte[] snapshotId) =>
        Build(Icrc121BlockTypes.RevertSnapshot, [.. Common(caller, canister), ("snapshot_id", Icrc3Value.Blob(snapshotId))]);

    public static OrchestrationBlock RevertResult(Principal caller, Principal canister, byte[] snapshotId, OrchestrationOutcome outcome) =>
        Build(Icrc121BlockTypes.RevertResult, WithOutcome([.. Common(caller, canister), ("snapshot_id", Icrc3Value.Blob(snapshotId))], outcome));

    /// <summary>New settings for a canister; only the settings that are set appear in <c>configs</c>.</summary>
    public static OrchestrationBlock Config(Principal caller, Principal canister, CanisterConfig configs)
    {
        if (configs.IsEmpty)
        {
            throw new ArgumentException("A 121config block records at least one setting; all were null.", nameof(configs));
        }

        return Build(Icrc121BlockTypes.Config, [.. Common(caller, canister), ("configs", Configs(configs))]);
    }

    public static OrchestrationBlock Start(Principal caller, Principal canister) => Build(Icrc121BlockTypes.Start, Common(caller, canister));

    public static OrchestrationBlock Stop(Principal caller, Principal canister) => Build(Icrc121BlockTypes.Stop, Common(caller, canister));

    private static List<(string, Icrc3Value)> Common(Principal caller, Principal canister) =>
        [("caller", Icrc3Value.Blob(caller.ToByteArray())), ("canister_id", Icrc3Value.Blob(canister.ToByteArray()))];

    private static List<(string, Icrc3Value)> WithOutcome(List<(string, Icrc3Value)> fields, OrchestrationOutcome outcome)
    {
        fields.Add(("result", Icrc3Value.Text(outcome.Succeeded ? "Success" : "Failed")));
        if (!outcome.Succeeded)
        {
            fields.Add(("error", Icrc3Value.Text(outcome.Error ?? "failed")));
        }

        return fields;
    }

    private static Icrc3Value Configs(CanisterConfig c)
    {
        var entries = new List<(string, Icrc3Value)>();
        if (c.Controllers is { } controllers)
        {
            entries.Add(("sys:controllers", Icrc3Value.Array(controllers.Select(p => Icrc3Value.Blob(p.ToByteArray())))));
        }

        Add("sys:compute_allocation", c.ComputeAllocation);
        Add("sys:memory_allocation", c.MemoryAllocation);
        Add("sys:freezing_threshold", c.FreezingThreshold);
        Add("sys:reserved_cycles_limit", c.ReservedCyclesLimit);
        Add("sys:wasm_memory_limit", c.WasmMemoryLimit);
        if (c.LogVisibility is { } visibility)
        {
            entries.Add(("sys:log_visibility", Icrc3Value.Text(visibility)));
        }

        return Icrc3Value.Map(entries);

        void Add(string key, BigInteger? value)
        {
            if (value is { } v)
            {
                entries.Add((key, Icrc3Value.Nat(v)));
            }
        }
    }

    private static OrchestrationBlock Build(string blockType, List<(string, Icrc3Value)> fields) =>
        new(blockType, (Icrc3Map)Icrc3Value.Map(fields));

    private static void RequireHash(byte[] hash, string field)
    {
        if (hash is not { Length: 32 })
        {
            throw new ArgumentException($"{field}: expected a 32-byte SHA-256, found {hash?.Length ?? 0} bytes.", field);
        }
    }
}
