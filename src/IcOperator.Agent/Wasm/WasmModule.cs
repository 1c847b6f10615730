using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace IcOperator.Agent.Wasm;

/// <summary>
/// A canister module as it will be installed: raw or gzip-wrapped Wasm. Checks the magic, the version, the
/// section framing and order and the IC's size limit, lists every section, the custom sections and canister
/// metadata, hashes the module (the IC's module hash is the SHA-256 of the installed bytes, gzip included) and
/// splits it into chunks. The one reader of Wasm sections in the code base: the operator and the IC emulator
/// read modules through it.
/// </summary>
public sealed class WasmModule
{
    /// <summary>The IC's chunk store takes chunks of at most 1 MiB.</summary>
    public const int ChunkSize = 1024 * 1024;

    /// <summary>Above this, module plus argument no longer fit one ingress message with headroom; agent-rs switches to chunked install here.</summary>
    public const int ChunkedInstallThreshold = (int)(1.85 * 1024 * 1024);

    private static readonly byte[] Magic = [0x00, 0x61, 0x73, 0x6d];

    // The position of each known section id in the order the Wasm specification requires (custom sections anywhere).
    private static readonly byte[] SectionOrder = [1, 2, 3, 4, 5, 13, 6, 7, 8, 9, 12, 10, 11];

    private IReadOnlyList<WasmImport>? imports;

    private WasmModule(byte[] moduleBytes, byte[] wasm, bool gzip, IReadOnlyList<WasmSection> all, IReadOnlyList<CustomSection> sections)
    {
        ModuleBytes = moduleBytes;
        WasmBytes = wasm;
        IsGzip = gzip;
        Sections = all;
        CustomSections = sections;
        Sha256 = SHA256.HashData(moduleBytes);
        Metadata = sections.Where(s => s.Metadata is not null)
            .Select(s => new MetadataEntry(s.Metadata!.Value.Name, s.Metadata.Value.Visibility, s.Content))
            .ToList();
    }

    /// <summary>The bytes to install, exactly as given (gzip-wrapped when they were).</summary>
    public ReadOnlyMemory<byte> ModuleBytes { get; }

    /// <summary>The Wasm binary after decompression.</summary>
    public ReadOnlyMemory<byte> WasmBytes { get; }

    public bool IsGzip { get; }

    /// <summary>SHA-256 of <see cref="ModuleBytes"/>: what <c>canister_status</c> reports as module_hash after install.</summary>
    public byte[] Sha256 { get; }

    public string Sha256Hex => Convert.ToHexStringLower(Sha256);

    /// <summary>Every section in module order, custom sections included.</summary>
    public IReadOnlyList<WasmSection> Sections { get; }

    public IReadOnlyList<CustomSection> CustomSections { get; }

    public IReadOnlyList<MetadataEntry> Metadata { get; }

    /// <summary>Every import, in the order of the import section (empty without one); read on first use.</summary>
    public IReadOnlyList<WasmImport> Imports => imports ??= ReadImports();

    /// <summary>
    /// Whether the module can call other canisters: it imports <c>ic0.call_new</c> or <c>ic0.call_perform</c>. One that
    /// cannot has no call context left open between two messages, so a snapshot of it running awaits no response.
    /// </summary>
    public bool CanMakeCalls => Imports.Any(i => i is { Module: "ic0", Kind: WasmImport.Function, Name: "call_new" or "call_perform" });

    public string? CandidService => MetadataText("candid:service");

    public string? CandidArgs => MetadataText("candid:args");

    /// <summary><c>cdk:name</c>, e.g. the CDK that built the canister.</summary>
    public string? CdkName => MetadataText("cdk:name");

    public string? MotokoStableTypes => MetadataText("motoko:stable-types");

    /// <summary>Modules built for enhanced orthogonal persistence carry this section; upgrades must then keep main memory.</summary>
    public bool EnhancedOrthogonalPersistence => FindMetadata("enhanced-orthogonal-persistence") is not null;

    /// <summary>The <c>dfx</c> metadata (JSON, e.g. <c>pullable</c>), or null when absent; throws when it is not JSON.</summary>
    public JsonDocument? DfxJson()
    {
        var entry = FindMetadata("dfx");
        if (entry is null)
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(entry.Content);
        }
        catch (JsonException e)
        {
            throw new WasmFormatException("Wasm metadata 'dfx': expected JSON: " + e.Message, e);
        }
    }

    public MetadataEntry? FindMetadata(string name) => Metadata.LastOrDefault(m => string.Equals(m.Name, name, StringComparison.Ordinal));

    public string? MetadataText(string name) => FindMetadata(name)?.Text;

    /// <summary>True when module plus install argument is too big for one install_code message.</summary>
    public bool NeedsChunkedInstall(int argLength) => NeedsChunkedInstall(ModuleBytes.Length, argLength);

    /// <summary>True when a module of <paramref name="moduleLength"/> bytes plus its argument is too big for one install_code message.</summary>
    public static bool NeedsChunkedInstall(long moduleLength, long argLength) => moduleLength + argLength >= ChunkedInstallThreshold;

    /// <summary>The installed bytes in chunks of at most <paramref name="chunkSize"/> with their SHA-256.</summary>
    public IReadOnlyList<WasmChunk> Chunks(int chunkSize = ChunkSize)
    {
        if (chunkSize is <= 0 or > ChunkSize)
        {
            throw new ArgumentOutOfRangeException(nameof(chunkSize), chunkSize, $"chunk size must be between 1 and {ChunkSize} bytes");
        }

        var chunks = new List<WasmChunk>();
        for (var offset = 0; offset < ModuleBytes.Length; offset += chunkSize)
        {
            var content = ModuleBytes.Slice(offset, Math.Min(chunkSize, ModuleBytes.Length - offset));
            chunks.Add(new WasmChunk(chunks.Count, offset, content, SHA256.HashData(content.Span)));
        }

        return chunks;
    }

    public static WasmModule Parse(byte[] moduleBytes, WasmReaderLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(moduleBytes);
        limits ??= WasmReaderLimits.Default;
        var gzip = moduleBytes is [0x1f, 0x8b, ..];
        var wasm = gzip ? Gunzip(moduleBytes, limits.MaxDecompressedSize) : moduleBytes;
        if (wasm.Length > limits.MaxDecompressedSize)
        {
            throw new WasmTooLargeException($"Wasm module is too large: it is {wasm.Length} bytes, more than the limit of {limits.MaxDecompressedSize}");
        }

        var all = ReadSections(wasm, out var custom);
        return new WasmModule(moduleBytes, wasm, gzip, all, custom);
    }

    private static byte[] Gunzip(byte[] compressed, long max)
    {
        using var input = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var output = new MemoryStream();
        var buffer = new byte[81920];
        try
        {
            int read;
            while ((read = input.Read(buffer)) > 0)
            {
                if (output.Length + read > max)
                {
                    throw new WasmTooLargeException($"Wasm module is too large: its gzip content exceeds the limit of {max} bytes after decompression");
                }

                output.Write(buffer, 0, read);
            }
        }
        catch (InvalidDataException e)
        {
            throw new WasmFormatException("Wasm module: starts with the gzip magic but is not valid gzip: " + e.Message, e);
        }

        return output.ToArray();
    }

    private static List<WasmSection> ReadSections(byte[] wasm, out List<CustomSection> custom)
    {
        if (wasm.Length < 8 || !wasm.AsSpan(0, 4).SequenceEqual(Magic))
        {
            var found = Convert.ToHexStringLower(wasm.AsSpan(0, Math.Min(4, wasm.Length)));
            throw new WasmFormatException($"Wasm module: expected the magic bytes 00 61 73 6d, found {(found.Length == 0 ? "(empty)" : found)}");
        }

        if (!wasm.AsSpan(4, 4).SequenceEqual(new byte[] { 1, 0, 0, 0 }))
        {
            throw new WasmFormatException($"Wasm module: expected binary version 1 (01 00 00 00), found {Convert.ToHexStringLower(wasm.AsSpan(4, 4))}");
        }

        var all = new List<WasmSection>();
        var sections = new List<CustomSection>();
        var offset = 8;
        var lastOrder = -1;
        while (offset < wasm.Length)
        {
            var sectionStart = offset;
            var id = wasm[offset++];
            var size = ReadU32(wasm, ref offset, sectionStart);
            if (size > (uint)(wasm.Length - offset))
            {
                throw new WasmFormatException($"Wasm module: section {id} at offset {sectionStart} claims {size} bytes, only {wasm.Length - offset} remain");
            }

            var end = offset + (int)size;
            all.Add(new WasmSection(id, offset, (int)size));
            if (id == 0)
            {
                var nameLength = ReadU32(wasm, ref offset, sectionStart);
                if (nameLength > (uint)(end - offset))
                {
                    throw new WasmFormatException($"Wasm module: custom section name at offset {sectionStart} runs past the section end");
                }

                string name;
                try
                {
                    name = new UTF8Encoding(false, true).GetString(wasm, offset, (int)nameLength);
                }
                catch (DecoderFallbackException e)
                {
                    throw new WasmFormatException($"Wasm module: custom section name at offset {sectionStart} is not valid UTF-8", e);
                }

                offset += (int)nameLength;
                sections.Add(new CustomSection(name, wasm.AsMemory(offset, end - offset)));
            }
            else if (id > 13)
            {
                throw new WasmFormatException($"Wasm module: unknown section id {id} at offset {sectionStart}");
            }
            else
            {
                var order = Array.IndexOf(SectionOrder, id);
                if (order <= lastOrder)
                {
                    throw new WasmFormatException($"Wasm module: section {id} at offset {sectionStart} is out of order (a section {SectionOrder[lastOrder]} came before it)");
                }

                lastOrder = order;
            }

            offset = end;
        }

        custom = sections;
        return all;
    }

    private List<WasmImport> ReadImports()
    {
        var found = new List<WasmImport>();
        if (Sections.FirstOrDefault(s => s.Id == 2) is not { } section)
        {
            return found;
        }

        var wasm = WasmBytes.ToArray();
        var offset = section.Offset;
        var count = ReadU32(wasm, ref offset, section.Offset);
        for (var i = 0u; i < count; i++)
        {
            var module = ReadName(wasm, ref offset, section);
            var name = ReadName(wasm, ref offset, section);
            var kind = ReadByte(wasm, ref offset, section);
            switch (kind)
            {
                case 0: // function: its type index
                    ReadU32(wasm, ref offset, section.Offset);
                    break;
                case 1: // table: element type, then limits
                    ReadByte(wasm, ref offset, section);
                    SkipLimits(wasm, ref offset, section);
                    break;
                case 2: // memory: limits
                    SkipLimits(wasm, ref offset, section);
                    break;
                case 3: // global: value type and mutability
                    ReadByte(wasm, ref offset, section);
                    ReadByte(wasm, ref offset, section);
                    break;
                case 4: // tag: attribute, then its type index
                    ReadByte(wasm, ref offset, section);
                    ReadU32(wasm, ref offset, section.Offset);
                    break;
                default:
                    throw new WasmFormatException($"Wasm module: import {module}.{name} in the section at offset {section.Offset} has unknown kind {kind}");
            }

            found.Add(new WasmImport(module, name, kind));
        }

        return offset <= section.End ? found : throw new WasmFormatException($"Wasm module: the import section at offset {section.Offset} runs past its end");
    }

    private static string ReadName(byte[] wasm, ref int offset, WasmSection section)
    {
        var length = ReadU32(wasm, ref offset, section.Offset);
        if (length > (uint)(section.End - offset))
        {
            throw new WasmFormatException($"Wasm module: an import name in the section at offset {section.Offset} runs past the section end");
        }

        var name = Encoding.UTF8.GetString(wasm, offset, (int)length);
        offset += (int)length;
        return name;
    }

    private static byte ReadByte(byte[] wasm, ref int offset, WasmSection section) =>
        offset < section.End ? wasm[offset++] : throw new WasmFormatException($"Wasm module: the import section at offset {section.Offset} is truncated");

    /// <summary>Limits: a flags byte (bit 0 a maximum follows, bit 2 64-bit bounds), then one or two LEB128 numbers.</summary>
    private static void SkipLimits(byte[] wasm, ref int offset, WasmSection section)
    {
        var flags = ReadByte(wasm, ref offset, section);
        for (var bound = 0; bound < ((flags & 1) == 1 ? 2 : 1); bound++)
        {
            byte b;
            do
            {
                b = ReadByte(wasm, ref offset, section);
            }
            while ((b & 0x80) != 0);
        }
    }

    private static uint ReadU32(byte[] data, ref int offset, int sectionStart)
    {
        uint result = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            if (offset >= data.Length)
            {
                throw new WasmFormatException($"Wasm module: truncated LEB128 length in the section at offset {sectionStart}");
            }

            var b = data[offset++];
            result |= (uint)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw new WasmFormatException($"Wasm module: LEB128 length longer than 5 bytes in the section at offset {sectionStart}");
    }
}
