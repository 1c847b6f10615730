using System.Numerics;
using IcOperator.Emulators.Ic.Canisters;

namespace IcOperator.Emulators.Ic.Cycles;

/// <summary>The fees of a 13-node application subnet, as the IC charges them (rounded where the IC counts instructions).</summary>
internal static class CyclesCosts
{
    public static readonly BigInteger CanisterCreationFee = 500_000_000_000;
    public static readonly BigInteger UpdateMessageExecutionFee = 5_000_000;
    public static readonly BigInteger IngressMessageReceptionFee = 1_200_000;
    public static readonly BigInteger IngressByteReceptionFee = 2_000;
    public static readonly BigInteger GibStoragePerSecondFee = 127_000;
    public static readonly BigInteger ComputePercentPerSecondFee = 10_000_000;

    /// <summary>What the replica gives a canister created by provisional_create_canister_with_cycles without an amount.</summary>
    public static readonly BigInteger DefaultProvisionalCycles = BigInteger.Parse("100000000000000");

    // The emulator runs no Wasm; installing is charged as if every module byte cost ten instructions at 0.4 cycles each.
    public static readonly BigInteger InstallCyclesPerModuleByte = 4;

    private const long GiB = 1024L * 1024 * 1024;

    /// <summary>Cycles a call to a canister costs: reception of the ingress message plus one update execution.</summary>
    public static BigInteger IngressCall(long payloadBytes) =>
        IngressMessageReceptionFee + (IngressByteReceptionFee * payloadBytes) + UpdateMessageExecutionFee;

    public static BigInteger Install(long moduleBytes) => UpdateMessageExecutionFee + (InstallCyclesPerModuleByte * moduleBytes);

    /// <summary>Cycles burned per second by holding memory (or its allocation, if larger) and compute allocation.</summary>
    public static BigInteger IdlePerSecondScaled(Canister canister, out BigInteger scale)
    {
        // Keep the storage fee exact: cycles·bytes per second, divided by a GiB at the end.
        scale = GiB;
        var bytes = BigInteger.Max(canister.MemorySize, canister.Settings.MemoryAllocation);
        return (bytes * GibStoragePerSecondFee) + (canister.Settings.ComputeAllocation * ComputePercentPerSecondFee * GiB);
    }

    public static BigInteger IdlePerDay(Canister canister)
    {
        var perSecond = IdlePerSecondScaled(canister, out var scale);
        return perSecond * 86_400 / scale;
    }

    /// <summary>The balance under which the canister is frozen: what it burns idle during the freezing threshold.</summary>
    public static BigInteger FreezingLimit(Canister canister)
    {
        var perSecond = IdlePerSecondScaled(canister, out var scale);
        return perSecond * canister.Settings.FreezingThreshold / scale;
    }
}
