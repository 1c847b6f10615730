using System.Numerics;

namespace IcOperator.Candid.Tests.Typed;

public sealed record CanisterStatusResult(
    CanisterStatusKind Status,
    DefiniteCanisterSettings Settings,
    byte[]? ModuleHash,
    BigInteger MemorySize,
    BigInteger Cycles,
    BigInteger IdleCyclesBurnedPerDay);
