using System.Numerics;
using IcOperator.Agent.CyclesLedger;
using IcOperator.Agent.Management;
using IcOperator.Api.V1Alpha1;
using IcOperator.Candid;
using IcOperator.Orchestration;
using IcOperator.Orchestration.Quantities;

namespace IcOperator.Controllers.CanisterActions;

/// <summary>Spec settings as the management canister takes them, and canister_status as the planner reads it.</summary>
internal static class SettingsConversion
{
    public static IReadOnlyList<Principal> Controllers(CanisterSettingsSpec? settings, string operatorPrincipal, Principal? upgrader = null) =>
        SettingsDrift.DesiredControllers(settings?.Controllers ?? [], operatorPrincipal, upgrader?.ToString()).Order(StringComparer.Ordinal).Select(Principal.Parse).ToList();

    public static CanisterSettings ToManagement(CanisterSettingsSpec settings, string operatorPrincipal, Principal? upgrader = null) => new()
    {
        Controllers = settings.Controllers is null ? null : Controllers(settings, operatorPrincipal, upgrader),
        ComputeAllocation = settings.ComputeAllocation,
        MemoryAllocation = settings.MemoryAllocation is { } memory ? ByteSize.Parse(memory, "spec.settings.memoryAllocation") : null,
        FreezingThreshold = settings.FreezingThreshold,
        ReservedCyclesLimit = settings.ReservedCyclesLimit is { } reserved ? (BigInteger)Cycles.Parse(reserved, "spec.settings.reservedCyclesLimit") : null,
        WasmMemoryLimit = settings.WasmMemoryLimit is { } limit ? ByteSize.Parse(limit, "spec.settings.wasmMemoryLimit") : null,
        LogVisibility = settings.LogVisibility switch
        {
            Api.V1Alpha1.LogVisibility.Public => new Agent.Management.LogVisibility.Public(),
            Api.V1Alpha1.LogVisibility.Controllers => new Agent.Management.LogVisibility.Controllers(),
            _ => null,
        },
    };

    /// <summary>
    /// The settings a create passes: every one the spec sets, and always <paramref name="controllers"/> (the operator's
    /// own principal and the network's upgrader among them).
    /// </summary>
    public static CanisterSettings ForCreate(CanisterSettingsSpec? settings, IReadOnlyList<Principal> controllers, string operatorPrincipal) =>
        (settings is null ? new CanisterSettings() : ToManagement(settings, operatorPrincipal)) with { Controllers = controllers };

    /// <summary>The part of a create's settings the cycles ledger's create_canister takes; the rest is left to update_settings.</summary>
    public static LedgerCanisterSettings ForLedgerCreate(CanisterSettings settings) => new()
    {
        Controllers = settings.Controllers,
        ComputeAllocation = settings.ComputeAllocation,
        MemoryAllocation = settings.MemoryAllocation,
        FreezingThreshold = settings.FreezingThreshold,
        ReservedCyclesLimit = settings.ReservedCyclesLimit,
    };

    public static ObservedCanister Observe(Principal canister, CanisterStatusResult status) => new()
    {
        CanisterId = canister.ToString(),
        Status = status.Status switch
        {
            CanisterStatusKind.Running => CanisterRunStatus.Running,
            CanisterStatusKind.Stopping => CanisterRunStatus.Stopping,
            _ => CanisterRunStatus.Stopped,
        },
        ModuleHash = status.ModuleHashHex,
        Cycles = (UInt128)BigInteger.Max(status.Cycles, BigInteger.Zero),
        MemorySize = (ulong)BigInteger.Min(status.MemorySize, ulong.MaxValue),
        Settings = new ObservedSettings
        {
            Controllers = status.Settings.Controllers.Select(p => p.ToString()).ToList(),
            ComputeAllocation = (ulong)status.Settings.ComputeAllocation,
            MemoryAllocation = (ulong)status.Settings.MemoryAllocation,
            FreezingThreshold = (ulong)status.Settings.FreezingThreshold,
            ReservedCyclesLimit = (UInt128)(status.Settings.ReservedCyclesLimit ?? BigInteger.Zero),
            WasmMemoryLimit = (ulong)(status.Settings.WasmMemoryLimit ?? BigInteger.Zero),
            LogVisibility = status.Settings.LogVisibility is Agent.Management.LogVisibility.Public ? "public" : "controllers",
        },
    };

    public static IReadOnlyList<ObservedSnapshot> Observe(IReadOnlyList<Snapshot> snapshots) =>
        snapshots.Select(s => new ObservedSnapshot(s.IdHex, DateTimeOffset.UnixEpoch.AddTicks((long)(s.TakenAtTimestamp / 100)), s.TotalSize)).ToList();
}
