using System.Numerics;
using IcOperator.Candid;
using IcOperator.Emulators.Ic.Rejects;

namespace IcOperator.Emulators.Ic.Canisters;

/// <summary>The ranges the replica accepts for each setting, and how an update applies to definite settings.</summary>
internal static class SettingsValidation
{
    public const int MaxControllers = 10;
    public const int MaxEnvironmentVariables = 20;
    public static readonly BigInteger MaxMemoryAllocation = BigInteger.One << 48;
    public static readonly BigInteger MaxWasmMemoryLimit = BigInteger.One << 48;
    public static readonly BigInteger MaxNat64 = ulong.MaxValue;
    public static readonly BigInteger MaxNat128 = (BigInteger.One << 128) - 1;

    public static CanisterSettings Apply(CanisterSettings current, CanisterSettingsUpdate? update)
    {
        if (update is null)
        {
            return current;
        }

        var controllers = update.Controllers?.Distinct().ToArray();
        if (controllers is { Length: > MaxControllers })
        {
            throw Invalid($"controllers must list at most {MaxControllers} principals, got {controllers.Length}");
        }

        Range("compute_allocation", update.ComputeAllocation, 100);
        Range("memory_allocation", update.MemoryAllocation, MaxMemoryAllocation);
        Range("freezing_threshold", update.FreezingThreshold, MaxNat64);
        Range("reserved_cycles_limit", update.ReservedCyclesLimit, MaxNat128);
        Range("minimum_incoming_canister_call_cycles", update.MinimumIncomingCanisterCallCycles, MaxNat128);
        Range("log_memory_limit", update.LogMemoryLimit, MaxNat64);
        Range("wasm_memory_limit", update.WasmMemoryLimit, MaxWasmMemoryLimit);
        Range("wasm_memory_threshold", update.WasmMemoryThreshold, MaxNat64);
        if (update.EnvironmentVariables is { } env)
        {
            if (env.Count > MaxEnvironmentVariables)
            {
                throw Invalid($"environment_variables must hold at most {MaxEnvironmentVariables} entries, got {env.Count}");
            }

            var duplicate = env.GroupBy(e => e.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                throw Invalid($"environment_variables names '{duplicate.Key}' more than once");
            }
        }

        foreach (var (name, visibility) in new[] { ("log_visibility", update.LogVisibility), ("snapshot_visibility", update.SnapshotVisibility), ("status_visibility", update.StatusVisibility) })
        {
            if (visibility is { Kind: "allowed_viewers" } viewers && viewers.AllowedViewers.Count > MaxControllers)
            {
                throw Invalid($"{name} allows at most {MaxControllers} viewers, got {viewers.AllowedViewers.Count}");
            }
        }

        return current with
        {
            Controllers = controllers ?? current.Controllers,
            ComputeAllocation = update.ComputeAllocation ?? current.ComputeAllocation,
            MemoryAllocation = update.MemoryAllocation ?? current.MemoryAllocation,
            FreezingThreshold = update.FreezingThreshold ?? current.FreezingThreshold,
            ReservedCyclesLimit = update.ReservedCyclesLimit ?? current.ReservedCyclesLimit,
            LogVisibility = update.LogVisibility ?? current.LogVisibility,
            SnapshotVisibility = update.SnapshotVisibility ?? current.SnapshotVisibility,
            StatusVisibility = update.StatusVisibility ?? current.StatusVisibility,
            MinimumIncomingCanisterCallCycles = update.MinimumIncomingCanisterCallCycles ?? current.MinimumIncomingCanisterCallCycles,
            LogMemoryLimit = update.LogMemoryLimit ?? current.LogMemoryLimit,
            WasmMemoryLimit = update.WasmMemoryLimit ?? current.WasmMemoryLimit,
            WasmMemoryThreshold = update.WasmMemoryThreshold ?? current.WasmMemoryThreshold,
            EnvironmentVariables = update.EnvironmentVariables ?? current.EnvironmentVariables,
        };
    }

    public static CanisterSettings Defaults(Principal creator) => new() { Controllers = [creator] };

    private static void Range(string field, BigInteger? value, BigInteger max)
    {
        if (value is { } v && (v < 0 || v > max))
        {
            throw Invalid($"{field} must be between 0 and {max}, got {v}");
        }
    }

    private static IcRejectException Invalid(string what) =>
        new(IcRejectCode.CanisterError, IcErrorCode.CanisterContractViolation, $"Invalid settings: {what}.");
}
