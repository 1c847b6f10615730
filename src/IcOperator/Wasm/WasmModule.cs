using System.Security.Cryptography;
using IcOperator.Agent.Wasm;
using IcOperator.Orchestration;

namespace IcOperator.Wasm;

/// <summary>
/// A module as the IC receives it (Wasm or gzip-compressed Wasm): its hash, chunks and custom sections, read by
/// the agent's Wasm reader. Only the section structure is read; code is never interpreted.
/// </summary>
internal sealed class WasmModule
{
    /// <summary>The IC refuses modules above 100 MiB once decompressed.</summary>
    public const int MaxDecompressedSize = 100 * 1024 * 1024;

    private readonly byte[]? bytes;
    private readonly Func<CancellationToken, Task<byte[]>>? readBack;

    private WasmModule(byte[] bytes, bool gzip, IReadOnlyList<WasmCustomSection> sections, bool canMakeCalls)
    {
        this.bytes = bytes;
        Size = bytes.Length;
        Gzip = gzip;
        CanMakeCalls = canMakeCalls;
        CustomSections = sections;
        Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        ChunkHashes = Enumerable.Range(0, InstallStrategy.ChunkCount(bytes.Length))
            .Select(i => Convert.ToHexStringLower(SHA256.HashData(Chunk(bytes, i).Span)))
            .ToList();
    }

    private WasmModule(WasmModule whole, Func<CancellationToken, Task<byte[]>> readBack)
    {
        this.readBack = readBack;
        Size = whole.Size;
        Gzip = whole.Gzip;
        CanMakeCalls = whole.CanMakeCalls;
        CustomSections = [.. whole.CustomSections.Select(s => s.Detached())];
        Sha256 = whole.Sha256;
        ChunkHashes = whole.ChunkHashes;
    }

    /// <summary>Size in bytes of the module as installed (compressed when <see cref="Gzip"/>).</summary>
    public int Size { get; }

    /// <summary>Whether the bytes are in memory; a module kept without them reads them back for an upload.</summary>
    public bool HoldsBytes => bytes is not null;

    public bool Gzip { get; }

    /// <summary>SHA-256 of the module bytes: what the IC reports as module_hash once installed.</summary>
    public string Sha256 { get; }

    public IReadOnlyList<string> ChunkHashes { get; }

    public IReadOnlyList<WasmCustomSection> CustomSections { get; }

    /// <summary>Whether the module imports ic0.call_new or ic0.call_perform, so it can leave a call awaiting a response.</summary>
    public bool CanMakeCalls { get; }

    /// <summary>
    /// The same module without its bytes, for keeping in memory: installs name its chunk hashes, and an upload reads
    /// the bytes through <paramref name="verifiedRead"/>, which returns only bytes whose sha256 it has checked.
    /// </summary>
    public WasmModule WithoutBytes(Func<CancellationToken, Task<byte[]>> verifiedRead) => new(this, verifiedRead);

    /// <summary>The module bytes as installed: from memory, or read back (verified) for a module kept without them.</summary>
    public async Task<byte[]> ReadBytesAsync(CancellationToken cancellationToken) =>
        bytes ?? await readBack!(cancellationToken);

    /// <summary>The chunks with their hashes, as the chunked installer uploads them.</summary>
    public async Task<IReadOnlyList<Agent.Wasm.WasmChunk>> ChunksAsync(CancellationToken cancellationToken)
    {
        var read = await ReadBytesAsync(cancellationToken);
        return [.. ChunkHashes.Select((hash, i) => new Agent.Wasm.WasmChunk(i, (long)i * Agent.Wasm.WasmModule.ChunkSize, Chunk(read, i), Convert.FromHexString(hash)))];
    }

    public WasmCustomSection? Section(string name) => CustomSections.FirstOrDefault(s => s.Name == name);

    /// <summary>
    /// Reads a module with the agent's Wasm reader; throws <see cref="WasmException"/> (NotWasm, or TooLarge above
    /// the IC's 100 MiB) naming what was found instead.
    /// </summary>
    public static WasmModule Parse(byte[] bytes)
    {
        IcOperator.Agent.Wasm.WasmModule read;
        bool canMakeCalls;
        try
        {
            read = IcOperator.Agent.Wasm.WasmModule.Parse(bytes, new WasmReaderLimits { MaxDecompressedSize = MaxDecompressedSize });
            canMakeCalls = read.CanMakeCalls;
        }
        catch (WasmTooLargeException e)
        {
            throw new WasmException(Api.V1Alpha1.WasmTemplateReasons.TooLarge, e.Message, terminal: true, e);
        }
        catch (WasmFormatException e)
        {
            throw new WasmException(Api.V1Alpha1.WasmTemplateReasons.NotWasm, e.Message, terminal: true, e);
        }

        return new WasmModule(bytes, read.IsGzip, read.CustomSections.Select(Named).ToList(), canMakeCalls);
    }

    private static ReadOnlyMemory<byte> Chunk(byte[] bytes, int index)
    {
        var start = index * Agent.Wasm.WasmModule.ChunkSize;
        return bytes.AsMemory(start, Math.Min(Agent.Wasm.WasmModule.ChunkSize, bytes.Length - start));
    }

    private static WasmCustomSection Named(CustomSection section) => section.Metadata is { } metadata
        ? new WasmCustomSection(metadata.Name, metadata.Visibility == MetadataVisibility.Public ? WasmCustomSection.Public : WasmCustomSection.Private, section.Content)
        : new WasmCustomSection(section.Name, null, section.Content);
}
