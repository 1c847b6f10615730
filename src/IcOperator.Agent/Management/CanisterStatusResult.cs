using System.Numerics;
using IcOperator.Candid;

namespace IcOperator.Agent.Management;

/// <summary>Result of <c>canister_status</c>; fields newer replicas add are optional.</summary>
public sealed record CanisterStatusResult
{
    public required CanisterStatusKind Status { get; init; }

    public required DefiniteCanisterSettings Settings { get; init; }

    public byte[]? ModuleHash { get; init; }

    public required BigInteger MemorySize { get; init; }

    public required BigInteger Cycles { get; init; }

    public BigInteger? ReservedCycles { get; init; }

    public BigInteger? IdleCyclesBurnedPerDay { get; init; }

    public QueryStats? QueryStats { get; init; }

    public MemoryMetrics? MemoryMetrics { get; init; }

    public ulong? Version { get; init; }

    public bool? ReadyForMigration { get; init; }

    [CandidIgnore]
    public string? ModuleHashHex => ModuleHash is null ? null : Convert.ToHexStringLower(ModuleHash);
}
