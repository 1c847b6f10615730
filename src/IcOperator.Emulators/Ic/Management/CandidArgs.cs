using System.Numerics;
using IcOperator.Candid;
using IcOperator.Emulators.Ic.Canisters;

namespace IcOperator.Emulators.Ic.Management;

/// <summary>Reading decoded management arguments: optional fields, settings, install modes.</summary>
internal static class CandidArgs
{
    public static CandidValue? Opt(CandidValue record, string field) => ((CandidRecord)record).Find(field)?.AsOption();

    public static Principal CanisterId(CandidValue record, string field = "canister_id") => record[field].AsPrincipal();

    public static CanisterSettingsUpdate? Settings(CandidValue? settings)
    {
        if (settings is null)
        {
            return null;
        }

        return new CanisterSettingsUpdate
        {
            Controllers = Opt(settings, "controllers")?.AsVec().Select(p => p.AsPrincipal()).ToArray(),
            ComputeAllocation = Nat(settings, "compute_allocation"),
            MemoryAllocation = Nat(settings, "memory_allocation"),
            FreezingThreshold = Nat(settings, "freezing_threshold"),
            ReservedCyclesLimit = Nat(settings, "reserved_cycles_limit"),
            LogVisibility = Opt(settings, "log_visibility") is CandidVariant v ? Visibility(v) : null,
            SnapshotVisibility = Opt(settings, "snapshot_visibility") is CandidVariant sv ? Visibility(sv) : null,
            StatusVisibility = Opt(settings, "status_visibility") is CandidVariant st ? Visibility(st) : null,
            MinimumIncomingCanisterCallCycles = Nat(settings, "minimum_incoming_canister_call_cycles"),
            LogMemoryLimit = Nat(settings, "log_memory_limit"),
            WasmMemoryLimit = Nat(settings, "wasm_memory_limit"),
            WasmMemoryThreshold = Nat(settings, "wasm_memory_threshold"),
            EnvironmentVariables = Opt(settings, "environment_variables")?.AsVec()
                .Select(e => new EnvironmentVariable(e["name"].AsText(), e["value"].AsText())).ToArray(),
        };
    }

    public static (InstallMode Mode, UpgradeOptions? Upgrade) Mode(CandidValue mode)
    {
        var variant = (CandidVariant)mode;
        if (variant.Is("install"))
        {
            return (InstallMode.Install, null);
        }

        if (variant.Is("reinstall"))
        {
            return (InstallMode.Reinstall, null);
        }

        var options = variant.Value.AsOption();
        if (options is null)
        {
            return (InstallMode.Upgrade, null);
        }

        var persistence = Opt(options, "wasm_memory_persistence") is CandidVariant p ? (p.Is("keep") ? "keep" : "replace") : null;
        return (InstallMode.Upgrade, new UpgradeOptions(Opt(options, "skip_pre_upgrade")?.AsBool(), persistence));
    }

    private static BigInteger? Nat(CandidValue record, string field) => Opt(record, field)?.AsBigInteger();

    private static LogVisibility Visibility(CandidVariant variant) =>
        variant.Is("public") ? LogVisibility.Public
        : variant.Is("allowed_viewers") ? LogVisibility.Viewers(variant.Value.AsVec().Select(p => p.AsPrincipal()))
        : LogVisibility.Controllers;
}
