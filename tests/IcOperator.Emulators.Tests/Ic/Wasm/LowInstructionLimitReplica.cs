using IcOperator.Emulators.Ic.Wasm;

namespace IcOperator.Emulators.Tests.Ic.Wasm;

/// <summary>A replica whose instruction limits stop a looping module within a fraction of a second.</summary>
public sealed class LowInstructionLimitReplica() : WasmReplica(Limits)
{
    internal static readonly InstructionLimits Limits = new() { Update = 50_000_000, Query = 50_000_000, Install = 500_000_000 };
}
