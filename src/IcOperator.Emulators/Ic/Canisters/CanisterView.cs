using System.Numerics;
using IcOperator.Candid;

namespace IcOperator.Emulators.Ic.Canisters;

/// <summary>A consistent copy of one canister's state: what <c>canister_status</c> answers, and more for tests.</summary>
public sealed record CanisterView
{
    public required Principal Id { get; init; }

    public required CanisterStatus Status { get; init; }

    public required CanisterSettings Settings { get; init; }

    /// <summary>sha256 of the installed module as sent, or null for an empty canister.</summary>
    public byte[]? ModuleHash { get; init; }

    public required BigInteger Cycles { get; init; }

    public BigInteger ReservedCycles { get; init; }

    public required long MemorySize { get; init; }

    public required MemoryMetrics MemoryMetrics { get; init; }

    public required BigInteger IdleCyclesBurnedPerDay { get; init; }

    /// <summary>The balance under which the canister is frozen.</summary>
    public required BigInteger FreezingLimit { get; init; }

    public required ulong Version { get; init; }

    public required IReadOnlyList<SnapshotInfo> Snapshots { get; init; }

    /// <summary>The key-value state test modules store into (Candid bytes by key).</summary>
    public required IReadOnlyDictionary<string, byte[]> State { get; init; }

    public required IReadOnlyList<byte[]> ChunkHashes { get; init; }

    public required IReadOnlyList<CanisterChange> History { get; init; }

    public required ulong TotalChanges { get; init; }

    public required IReadOnlyList<CanisterLogRecord> Logs { get; init; }

    public BigInteger QueryCalls { get; init; }

    public BigInteger QueryRequestBytes { get; init; }

    public BigInteger QueryResponseBytes { get; init; }

    public string? ModuleHashHex => ModuleHash is null ? null : Convert.ToHexStringLower(ModuleHash);
}
