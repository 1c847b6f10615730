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

        var applied = Applied(wanted, observed);
        if (wanted.ComputeAllocation is not null && applied.ComputeAllocation != observed.ComputeAllocation)
        {
            drift.Add("computeAllocation");
        }

        if (wanted.MemoryAllocation is not null && applied.MemoryAllocation != observed.MemoryAllocation)
        {
            drift.Add("memoryAllocation");
        }

        if (wanted.FreezingThreshold is not null && applied.FreezingThreshold != observed.FreezingThreshold)
        {
            drift.Add("freezingThreshold");
        }

        if (wanted.ReservedCyclesLimit is not null && applied.ReservedCyclesLimit != observed.ReservedCyclesLimit)
        {
            drift.Add("reservedCyclesLimit");
        }

        if (wanted.WasmMemoryLimit is not null && applied.WasmMemoryLimit != observed.WasmMemoryLimit)
        {
            drift.Add("wasmMemoryLimit");
        }

        if (wanted.LogVisibility is not null && !string.Equals(applied.LogVisibility, observed.LogVisibility, StringComparison.Ordinal))
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

    /// <summary>
    /// The settings as canister_status reports them once the spec's are applied: each field the spec sets, in the IC's
    /// units, over <paramref name="current"/> (controllers apart: see <see cref="DesiredControllers"/>).
    /// </summary>
    public static ObservedSettings Applied(CanisterSettingsSpec wanted, ObservedSettings current) => current with
    {
        ComputeAllocation = wanted.ComputeAllocation is { } compute ? (ulong)compute : current.ComputeAllocation,
        MemoryAllocation = wanted.MemoryAllocation is { } memory ? ByteSize.Parse(memory, "spec.settings.memoryAllocation") : current.MemoryAllocation,
        FreezingThreshold = wanted.FreezingThreshold is { } freezing ? (ulong)freezing : current.FreezingThreshold,
        ReservedCyclesLimit = wanted.ReservedCyclesLimit is { } reserved ? Cycles.Parse(reserved, "spec.settings.reservedCyclesLimit") : current.ReservedCyclesLimit,
        WasmMemoryLimit = wanted.WasmMemoryLimit is { } wasmMemory ? ByteSize.Parse(wasmMemory, "spec.settings.wasmMemoryLimit") : current.WasmMemoryLimit,
        LogVisibility = wanted.LogVisibility is { } visibility ? Wire(visibility) : current.LogVisibility,
    };

    private static string Wire(LogVisibility visibility) => visibility == LogVisibility.Public ? "public" : "controllers";
}
