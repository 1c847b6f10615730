using System.Security.Cryptography;
using IcOperator.Api.V1Alpha1;
using Microsoft.Extensions.Logging;

namespace IcOperator.Wasm;

/// <summary>
/// Verified modules by template version: from the local cache when present, else fetched, checked
/// against the version's sha256 (nothing unverified is ever returned), parsed, and cached.
/// </summary>
internal sealed class VerifiedModuleStore(WasmFetcher fetcher, WasmCache cache, ILogger<VerifiedModuleStore> logger)
{
    public async Task<WasmModule> GetAsync(string @namespace, string template, WasmVersion version, CancellationToken cancellation)
    {
        var field = $"WasmTemplate {@namespace}/{template} version {version.Version}: source";
        if (cache.TryGet(version.Sha256) is { } cached)
        {
            return WasmModule.Parse(cached);
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

        var module = WasmModule.Parse(bytes);
        cache.Put(actual, bytes);
        logger.LogInformation("Fetched and verified {Template} {Version}: {Size} bytes, sha256 {Sha256}", template, version.Version, bytes.Length, actual);
        return module;
    }
}
