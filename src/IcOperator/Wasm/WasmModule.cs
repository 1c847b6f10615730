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

    private WasmModule(byte[] bytes, bool gzip, IReadOnlyList<WasmCustomSection> sections, bool canMakeCalls)
    {
        Bytes = bytes;
        Gzip = gzip;
        CanMakeCalls = canMakeCalls;
        CustomSections = sections;
        Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        ChunkHashes = Enumerable.Range(0, InstallStrategy.ChunkCount(bytes.Length))
            .Select(i => Convert.ToHexStringLower(SHA256.HashData(Chunk(i).Span)))
            .ToList();
    }

    /// <summary>The module bytes as installed (compressed when <see cref="Gzip"/>).</summary>
    public byte[] Bytes { get; }

    public bool Gzip { get; }

    /// <summary>SHA-256 of <see cref="Bytes"/>: what the IC reports as module_hash once installed.</summary>
    public string Sha256 { get; }

    public IReadOnlyList<string> ChunkHashes { get; }

    public IReadOnlyList<WasmCustomSection> CustomSections { get; }

    /// <summary>Whether the module imports ic0.call_new or ic0.call_perform, so it can leave a call awaiting a response.</summary>
    public bool CanMakeCalls { get; }

    public ReadOnlyMemory<byte> Chunk(int index)
    {
        var start = index * Agent.Wasm.WasmModule.ChunkSize;
        return Bytes.AsMemory(start, Math.Min(Agent.Wasm.WasmModule.ChunkSize, Bytes.Length - start));
    }

    /// <summary>The chunks with their hashes, as the chunked installer uploads them.</summary>
    public IReadOnlyList<Agent.Wasm.WasmChunk> Chunks() =>
        [.. ChunkHashes.Select((hash, i) => new Agent.Wasm.WasmChunk(i, (long)i * Agent.Wasm.WasmModule.ChunkSize, Chunk(i), Convert.FromHexString(hash)))];

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

    private static WasmCustomSection Named(CustomSection section) => section.Metadata is { } metadata
        ? new WasmCustomSection(metadata.Name, metadata.Visibility == MetadataVisibility.Public ? WasmCustomSection.Public : WasmCustomSection.Private, section.Content)
        : new WasmCustomSection(section.Name, null, section.Content);
}
