using IcOperator.Candid;

namespace IcOperator.ChunkStore;

/// <summary>What the upgrader's <c>upgrade</c> method is asked to do to one canister on its subnet.</summary>
internal sealed record UpgradeRequest
{
    public required Principal Canister { get; init; }

    public required byte[] WasmModuleHash { get; init; }

    /// <summary>The module's chunks, in order, as the upgrader's own chunk store holds them.</summary>
    public required IReadOnlyList<byte[]> ChunkHashes { get; init; }

    public byte[] Arg { get; init; } = [];

    public bool? SkipPreUpgrade { get; init; }

    /// <summary>"keep" or "replace"; null leaves it to the IC's default.</summary>
    public string? WasmMemoryPersistence { get; init; }

    /// <summary>Take a snapshot after the stop, before the install.</summary>
    public bool Snapshot { get; init; }

    public byte[]? ReplaceSnapshot { get; init; }
}
