using IcOperator.Api.V1Alpha1;
using IcOperator.Orchestration.Quantities;

namespace IcOperator.Orchestration;

/// <summary>Which of the settings a spec sets differ from what the IC reports. Unset fields are left alone.</summary>
internal static class SettingsDrift
{
    public static IReadOnlyList<string> Find(CanisterSettingsSpec? wanted, ObservedSettings observed, string? operatorPrincipal, string? upgrader = null)
    {
        var drift = new List<string>();
        if (wanted is null)
        {
            return drift;
        }

        if (wanted.Controllers is { } controllers)
        {
            var desired = DesiredControllers(controllers, operatorPrincipal, upgrader);
            if (!desired.SetEquals(observed.Controllers))
            {
                drift.Add("controllers");
            }
        }

        if (wanted.ComputeAllocation is { } compute && (ulong)compute != observed.ComputeAllocation)
        {
            drift.Add("computeAllocation");
        }

        if (wanted.MemoryAllocation is { } memory && ByteSize.Parse(memory, "spec.settings.memoryAllocation") != observed.MemoryAllocation)
        {
            drift.Add("memoryAllocation");
        }

        if (wanted.FreezingThreshold is { } freezing && (ulong)freezing != observed.FreezingThreshold)
        {
            drift.Add("freezingThreshold");
        }

        if (wanted.ReservedCyclesLimit is { } reserved && Cycles.Parse(reserved, "spec.settings.reservedCyclesLimit") != observed.ReservedCyclesLimit)
        {
            drift.Add("reservedCyclesLimit");
        }

        if (wanted.WasmMemoryLimit is { } wasmMemory && ByteSize.Parse(wasmMemory, "spec.settings.wasmMemoryLimit") != observed.WasmMemoryLimit)
        {
            drift.Add("wasmMemoryLimit");
        }

        if (wanted.LogVisibility is { } visibility && !string.Equals(Wire(visibility), observed.LogVisibility, StringComparison.Ordinal))
        {
            drift.Add("logVisibility");
        }

        return drift;
    }

    /// <summary>
    /// The controllers the canister should have: the listed ones plus the operator itself, always, and the network's
    /// upgrader while upgrades go through it (spec.settings.controllers never removes it).
    /// </summary>
    public static HashSet<string> DesiredControllers(IEnumerable<string> controllers, string? operatorPrincipal, string? upgrader = null)
    {
        var desired = controllers.ToHashSet(StringComparer.Ordinal);
        if (operatorPrincipal is not null)
        {
            desired.Add(operatorPrincipal);
        }

        if (upgrader is not null)
        {
            desired.Add(upgrader);
        }

        return desired;
    }

    /// <summary>Log visibility as canister_status names it.</summary>
    public static string Wire(LogVisibility visibility) => visibility == LogVisibility.Public ? "public" : "controllers";
}
