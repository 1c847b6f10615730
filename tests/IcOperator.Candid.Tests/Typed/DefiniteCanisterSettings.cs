using System.Numerics;

namespace IcOperator.Candid.Tests.Typed;

public sealed record DefiniteCanisterSettings(
    Principal[] Controllers,
    BigInteger ComputeAllocation,
    BigInteger MemoryAllocation,
    BigInteger FreezingThreshold,
    BigInteger ReservedCyclesLimit,
    LogVisibility LogVisibility,
    BigInteger WasmMemoryLimit);
