namespace IcOperator.Orchestration;

/// <summary>How a module gets onto the canister: in one install_code message, or through the chunk store.</summary>
internal static class InstallStrategy
{
    /// <summary>A canister's chunk store holds at most 100 chunks (100 MiB).</summary>
    public const int ChunkStoreCapacity = 100;

    /// <summary>
    /// Module plus argument from 1.85 MiB on go through the chunk store: an ingress message is at most 2 MiB, and the
    /// envelope around the module needs room. The threshold is the agent's, so the operator and the agent agree.
    /// </summary>
    public static bool IsChunked(long moduleSize, long argumentSize) => Agent.Wasm.WasmModule.NeedsChunkedInstall(moduleSize, argumentSize);

    /// <summary>How many chunks a module of this size has.</summary>
    public static int ChunkCount(long moduleSize) => (int)((moduleSize + Agent.Wasm.WasmModule.ChunkSize - 1) / Agent.Wasm.WasmModule.ChunkSize);

    /// <summary>
    /// Whether the store must be cleared before <paramref name="missing"/> more chunks fit: chunks of versions no
    /// longer needed go with it, and chunks of live versions are uploaded again when next installed.
    /// </summary>
    public static bool MustClearFor(int stored, int missing) => missing > 0 && stored + missing > ChunkStoreCapacity;

    /// <summary>The indexes of the module's chunks the chunk store does not hold yet, in upload order.</summary>
    public static IReadOnlyList<int> MissingChunks(IReadOnlyList<string> moduleChunkHashes, IReadOnlyCollection<string> storedChunkHashes)
    {
        var stored = storedChunkHashes.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return Enumerable.Range(0, moduleChunkHashes.Count).Where(i => !stored.Contains(moduleChunkHashes[i])).ToList();
    }
}
