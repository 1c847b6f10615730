using System.Collections.Concurrent;
using IcOperator.Agent.Management;
using IcOperator.Api.V1Alpha1;
using IcOperator.Candid;
using IcOperator.Orchestration;
using IcOperator.Wasm;

namespace IcOperator.Controllers;

/// <summary>
/// One network's shared chunk-store canister, as the operator uses it: each module's chunks are uploaded
/// once (chunks the store already holds are skipped, the rest go up in parallel) and every canister on the
/// subnet is installed from it. Uploads and clearing run one at a time; installs hold a lease so the
/// store is never cleared under an install that reads from it. It remembers which template versions it holds,
/// starting from what status recorded, so versions no longer used can be cleared out.
/// </summary>
internal sealed class NetworkChunkStore(IManagementCanister management, Principal canisterId, int parallelUploads, IEnumerable<StoredVersion>? recorded = null) : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly ChunkedInstaller installer = new(management, parallelUploads);
    private readonly Lock leases = new();
    private readonly Dictionary<string, StoredVersion> versions = (recorded ?? []).ToDictionary(Key, StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task>> uploadsAhead = new(StringComparer.OrdinalIgnoreCase);
    private volatile HashSet<string>? stored;
    private int installing;
    private TaskCompletionSource? drained;

    public Principal CanisterId { get; } = canisterId;

    /// <summary>The template versions the store holds, by template, version and module hash.</summary>
    public IReadOnlyList<StoredVersion> Versions
    {
        get
        {
            lock (leases)
            {
                return [.. versions.Values.OrderBy(Key, StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>
    /// Makes sure the store holds every chunk of <paramref name="module"/> (template version <paramref name="version"/>)
    /// and returns a lease to install from it; dispose the lease when the install call has returned.
    /// <paramref name="uploaded"/> hears the bytes sent.
    /// </summary>
    public async Task<IDisposable> LeaseAsync(WasmModule module, TemplateVersionReference version, Action<int> uploaded, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            await HoldAsync(module, version, uploaded, cancellationToken);
            lock (leases)
            {
                installing++;
            }

            return new ChunkStoreLease(Release);
        }
        catch
        {
            // What the store holds is unknown after a failed upload or clear: list it again next time.
            stored = null;
            throw;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Starts getting <paramref name="module"/> into the store without waiting for it, so the upload runs beside the
    /// create_canister of a deployment that will install it rather than after it. One upload per module runs at a
    /// time however many deployments ask, and none once the store is known to hold it. An install's lease waits for
    /// it on the gate, then finds the chunks there (or, after a failure here, lists and uploads what is missing).
    /// </summary>
    public void UploadAhead(WasmModule module, TemplateVersionReference version, Action<int> uploaded, CancellationToken cancellationToken)
    {
        if (stored is { } known && module.ChunkHashes.All(known.Contains))
        {
            return;
        }

        var ahead = uploadsAhead.GetOrAdd(module.Sha256, _ => new Lazy<Task>(() => UploadAheadAsync(module, version, uploaded, cancellationToken)));
        _ = ahead.Value;
    }

    private async Task UploadAheadAsync(WasmModule module, TemplateVersionReference version, Action<int> uploaded, CancellationToken cancellationToken)
    {
        try
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                await HoldAsync(module, version, uploaded, cancellationToken);
            }
            catch
            {
                stored = null;
                throw;
            }
            finally
            {
                gate.Release();
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Nobody awaits this upload: the install's lease lists the store again, uploads what is missing and reports a failure.
        }
        finally
        {
            uploadsAhead.TryRemove(module.Sha256, out _);
        }
    }

    /// <summary>
    /// Lists what the store holds, unless that is known already. The network does this once its store is there, before
    /// any deployment needs it, so the first upload goes straight to the chunks missing: one consensus round instead of two.
    /// </summary>
    public async Task ListAsync(CancellationToken cancellationToken)
    {
        if (stored is not null)
        {
            return;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            stored ??= await StoredChunksAsync(cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<HashSet<string>> StoredChunksAsync(CancellationToken cancellationToken) =>
        (await management.StoredChunksAsync(CanisterId, cancellationToken)).Select(Convert.ToHexStringLower).ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Uploads the chunks of the module the store lacks (clearing it first when it is full) and records the version; the caller holds the gate.</summary>
    private async Task HoldAsync(WasmModule module, TemplateVersionReference version, Action<int> uploaded, CancellationToken cancellationToken)
    {
        var known = stored ??= await StoredChunksAsync(cancellationToken);
        var missing = InstallStrategy.MissingChunks(module.ChunkHashes, known);
        if (InstallStrategy.MustClearFor(known.Count, missing.Count))
        {
            await DrainAsync(cancellationToken);
            await ClearAsync(cancellationToken);
            known = stored = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        }

        if (missing.Count > 0)
        {
            // Most leases find every chunk held: the module's bytes are read (back from the cache) only when one goes up.
            stored = [.. await installer.UploadAsync(CanisterId, await module.ChunksAsync(cancellationToken), known, chunk => uploaded(chunk.Content.Length), cancellationToken)];
        }

        var held = new StoredVersion { Template = version.Name, Version = version.Version, Sha256 = module.Sha256, Chunks = module.ChunkHashes.Count };
        lock (leases)
        {
            versions[Key(held)] = held;
        }
    }

    /// <summary>
    /// Clears the store unless an install reads from it now; true when it was cleared. What is still used goes up
    /// again at its next install.
    /// </summary>
    public async Task<bool> TryClearAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            lock (leases)
            {
                if (installing > 0)
                {
                    return false;
                }
            }

            await ClearAsync(cancellationToken);
            stored = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            return true;
        }
        catch
        {
            stored = null;
            throw;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();

    private static string Key(StoredVersion version) => $"{version.Template}/{version.Version}/{version.Sha256}";

    /// <summary>Clears the chunk store; the caller holds the gate and no install reads from it.</summary>
    private async Task ClearAsync(CancellationToken cancellationToken)
    {
        stored = null;
        await management.ClearChunkStoreAsync(CanisterId, cancellationToken);
        lock (leases)
        {
            versions.Clear();
        }
    }

    /// <summary>Forgets what the store holds (an install found a chunk missing): the next lease lists it again.</summary>
    public void Forget() => stored = null;

    private Task DrainAsync(CancellationToken cancellationToken)
    {
        lock (leases)
        {
            if (installing == 0)
            {
                return Task.CompletedTask;
            }

            drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return drained.Task.WaitAsync(cancellationToken);
        }
    }

    private void Release()
    {
        lock (leases)
        {
            if (--installing == 0 && drained is { } waiting)
            {
                drained = null;
                waiting.TrySetResult();
            }
        }
    }
}
