using IcOperator.Agent.Wasm;
using IcOperator.Candid;

namespace IcOperator.Agent.Management;

/// <summary>
/// The one way a module goes onto a canister through a chunk store (the canister's own, or a store canister on its
/// subnet): chunks the store already holds are skipped, the rest are uploaded in parallel up to a bound and each
/// returned hash is checked against the chunk, then <c>install_chunked_code</c> names them in order.
/// </summary>
public sealed class ChunkedInstaller(IManagementCanister management, int parallelUploads = ChunkedInstaller.DefaultParallelUploads)
{
    /// <summary>Uploads in flight for one module when the caller sets no bound of its own.</summary>
    public const int DefaultParallelUploads = 4;

    private readonly IManagementCanister management = management ?? throw new ArgumentNullException(nameof(management));
    private readonly int parallelUploads = parallelUploads > 0 ? parallelUploads : throw new ArgumentOutOfRangeException(nameof(parallelUploads), parallelUploads, "at least one upload must be allowed in flight");

    /// <summary>
    /// Uploads the chunks <paramref name="store"/> does not hold: <paramref name="stored"/> says which it holds (hex
    /// SHA-256), else stored_chunks is asked. Returns what the store holds afterwards (lower-case hex); <paramref name="uploaded"/>
    /// hears each chunk sent.
    /// </summary>
    public async Task<IReadOnlySet<string>> UploadAsync(Principal store, IReadOnlyList<WasmChunk> chunks, IEnumerable<string>? stored = null, Action<WasmChunk>? uploaded = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        var held = (stored ?? (await management.StoredChunksAsync(store, cancellationToken)).Select(Convert.ToHexStringLower)).Select(h => h.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        var missing = chunks.Where(c => !held.Contains(c.Sha256Hex)).ToList();
        await Parallel.ForEachAsync(
            missing,
            new ParallelOptions { MaxDegreeOfParallelism = parallelUploads, CancellationToken = cancellationToken },
            async (chunk, token) =>
            {
                var hash = await management.UploadChunkAsync(store, chunk.Content, token);
                if (!hash.AsSpan().SequenceEqual(chunk.Sha256))
                {
                    throw new InvalidOperationException($"upload_chunk to canister {store}: chunk {chunk.Index} was stored as {Convert.ToHexStringLower(hash)}, expected {chunk.Sha256Hex}");
                }

                lock (held)
                {
                    held.Add(chunk.Sha256Hex);
                }

                uploaded?.Invoke(chunk);
            });
        return held;
    }

    /// <summary>Uploads what <paramref name="store"/> (the target itself when null) lacks, then installs from it.</summary>
    public async Task InstallAsync(Principal target, CanisterInstallMode mode, IReadOnlyList<WasmChunk> chunks, byte[] moduleSha256, byte[] arg, Principal? store = null, CancellationToken cancellationToken = default)
    {
        await UploadAsync(store ?? target, chunks, cancellationToken: cancellationToken);
        await management.InstallChunkedCodeAsync(target, mode, chunks.Select(c => c.Sha256).ToList(), moduleSha256, arg, store, cancellationToken);
    }
}
