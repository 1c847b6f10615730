using System.Security.Cryptography;
using IcOperator.Api.V1Alpha1;
using Microsoft.Extensions.Logging;

namespace IcOperator.Wasm;

/// <summary>
/// Verified modules by template version: from the local cache when present, else fetched, checked
/// against the version's sha256 (nothing unverified is ever returned), parsed, and cached. The last few modules
/// used stay parsed in memory, so a fleet of one version reads, hashes and parses its module once, not once per
/// reconcile; concurrent reconciles of one version share that one load. A kept module of more than one chunk keeps
/// its hashes, chunk hashes and metadata but not its bytes: installs name chunks in a chunk store, and an upload
/// reads the bytes back from the cache, verified again, or fetches them again.
/// </summary>
internal sealed class VerifiedModuleStore(WasmFetcher fetcher, WasmCache cache, ILogger<VerifiedModuleStore> logger)
{
    /// <summary>Parsed modules kept in memory (the versions a fleet runs and is upgrading to), least recently used out first.</summary>
    public const int ModulesKept = 4;

    private readonly Lock sync = new();
    private readonly Dictionary<string, Task<WasmModule>> loaded = new(StringComparer.Ordinal);
    private readonly LinkedList<string> recency = [];

    public Task<WasmModule> GetAsync(string @namespace, string template, WasmVersion version, CancellationToken cancellation)
    {
        lock (sync)
        {
            if (loaded.TryGetValue(version.Sha256, out var kept) && !kept.IsFaulted && !kept.IsCanceled)
            {
                recency.Remove(version.Sha256);
                recency.AddFirst(version.Sha256);
                return kept.WaitAsync(cancellation);
            }

            // A load that failed (not verified, not reachable, cancelled) is not kept: the next reconcile tries again.
            var loading = LoadKeptAsync(@namespace, template, version);
            loaded[version.Sha256] = loading;
            recency.Remove(version.Sha256);
            recency.AddFirst(version.Sha256);
            while (recency.Count > ModulesKept)
            {
                loaded.Remove(recency.Last!.Value);
                recency.RemoveLast();
            }

            return loading.WaitAsync(cancellation);
        }
    }

    /// <summary>
    /// The module of a version, verified, for a caller that reads it once (the template controller's check): one kept in
    /// memory is shared, otherwise it is loaded without being kept, so a template's versions no deployment runs do not
    /// each hold their module in memory.
    /// </summary>
    public Task<WasmModule> VerifyAsync(string @namespace, string template, WasmVersion version, CancellationToken cancellation)
    {
        lock (sync)
        {
            if (loaded.TryGetValue(version.Sha256, out var kept) && !kept.IsFaulted && !kept.IsCanceled)
            {
                return kept.WaitAsync(cancellation);
            }
        }

        return LoadAsync(@namespace, template, version, cancellation);
    }

    private async Task<WasmModule> LoadKeptAsync(string @namespace, string template, WasmVersion version)
    {
        var module = await LoadAsync(@namespace, template, version, CancellationToken.None);

        // A one-chunk module goes inline and stays whole; a larger one is installed by chunk hash and read back only to upload.
        return module.ChunkHashes.Count > 1 ? module.WithoutBytes(cancellation => ReadVerifiedAsync(@namespace, template, version, cancellation)) : module;
    }

    private async Task<WasmModule> LoadAsync(string @namespace, string template, WasmVersion version, CancellationToken cancellation) =>
        WasmModule.Parse(await ReadVerifiedAsync(@namespace, template, version, cancellation));

    /// <summary>The version's bytes, their sha256 checked on every read: the cache's file when it matches, else fetched again.</summary>
    private async Task<byte[]> ReadVerifiedAsync(string @namespace, string template, WasmVersion version, CancellationToken cancellation)
    {
        var field = $"WasmTemplate {@namespace}/{template} version {version.Version}: source";
        if (cache.TryGet(version.Sha256) is { } cached)
        {
            return cached;
        }

        var bytes = await fetcher.FetchAsync(@namespace, version.Source, field, cancellation);
        var actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (actual != version.Sha256)
        {
            throw new WasmException(
                WasmTemplateReasons.HashMismatch,
                $"WasmTemplate {@namespace}/{template} version {version.Version}: expected sha256 {version.Sha256}, found {actual} ({bytes.Length} bytes); the module is not used.",
                terminal: true);
        }

        cache.Put(actual, bytes);
        logger.LogInformation("Fetched and verified {Template} {Version}: {Size} bytes, sha256 {Sha256}", template, version.Version, bytes.Length, actual);
        return bytes;
    }
}
