using System.Security.Cryptography;
using Microsoft.Extensions.Logging;

namespace IcOperator.Wasm;

/// <summary>
/// Verified modules on local disk, named by their SHA-256, so a module is fetched once per operator pod.
/// A file whose content no longer matches its name is treated as a miss and removed.
/// </summary>
internal sealed class WasmCache(string directory, ILogger<WasmCache> logger)
{
    public const string DirectoryVariable = "IC_OPERATOR_WASM_CACHE";

    public string Directory { get; } = directory;

    /// <summary>The directory from IC_OPERATOR_WASM_CACHE, else one under the system's temp directory.</summary>
    public static string DefaultDirectory() =>
        Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } configured
            ? configured
            : Path.Combine(Path.GetTempPath(), "ic-operator-wasm-cache");

    /// <summary>Runs just before a read, with the file's path: a test's way to change the file in between.</summary>
    internal Action<string>? BeforeRead { get; init; }

    /// <summary>The module stored under <paramref name="sha256"/>, or null when there is none or it no longer matches its name.</summary>
    public byte[]? TryGet(string sha256)
    {
        var path = PathOf(sha256);
        byte[] bytes;
        try
        {
            BeforeRead?.Invoke(path);
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            // Never stored, or removed meanwhile (a concurrent reader dropping a corrupt copy): a miss either way.
            return null;
        }

        if (Convert.ToHexStringLower(SHA256.HashData(bytes)) == sha256)
        {
            return bytes;
        }

        logger.LogWarning("Cached module {Sha256} is corrupt; removing it and fetching again", sha256);
        File.Delete(path);
        return null;
    }

    /// <summary>Stores verified bytes under their hash; written to a temporary file first so readers never see half a module.</summary>
    public void Put(string sha256, byte[] bytes)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = PathOf(sha256);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, path, overwrite: true);
    }

    private string PathOf(string sha256)
    {
        if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower))
        {
            throw new ArgumentException($"Expected a lower-case hex SHA-256, found \"{sha256}\".", nameof(sha256));
        }

        return Path.Combine(Directory, sha256 + ".wasm");
    }
}
