namespace IcOperator.Orchestration;

/// <summary>The verified template version a deployment wants running.</summary>
internal sealed record DesiredModule
{
    public required string Version { get; init; }

    /// <summary>SHA-256 of the module bytes; the IC reports the same value as module_hash once installed.</summary>
    public required string Sha256 { get; init; }

    public required long Size { get; init; }

    public IReadOnlyList<string> ChunkHashes { get; init; } = [];

    /// <summary>The module declares enhanced orthogonal persistence; upgrades then keep the Wasm memory by default.</summary>
    public bool EnhancedOrthogonalPersistence { get; init; }
}
