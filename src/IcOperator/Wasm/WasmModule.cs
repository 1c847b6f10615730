using System.IO.Compression;
using System.Security.Cryptography;
using IcOperator.Orchestration;

namespace IcOperator.Wasm;

/// <summary>
/// A module as the IC receives it (Wasm or gzip-compressed Wasm): its hash, chunks and custom sections.
/// Only the section structure is read; code is never interpreted.
/// </summary>
internal sealed class WasmModule
{
    /// <summary>The IC refuses modules above 100 MiB once decompressed.</summary>
    public const int MaxDecompressedSize = 100 * 1024 * 1024;

    private static readonly byte[] Magic = [0x00, 0x61, 0x73, 0x6d];

    private WasmModule(byte[] bytes, bool gzip, IReadOnlyList<WasmCustomSection> sections)
    {
        Bytes = bytes;
        Gzip = gzip;
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

    public ReadOnlyMemory<byte> Chunk(int index)
    {
        var start = index * Agent.Wasm.WasmModule.ChunkSize;
        return Bytes.AsMemory(start, Math.Min(Agent.Wasm.WasmModule.ChunkSize, Bytes.Length - start));
    }

    /// <summary>The chunks with their hashes, as the chunked installer uploads them.</summary>
    public IReadOnlyList<Agent.Wasm.WasmChunk> Chunks() =>
        [.. ChunkHashes.Select((hash, i) => new Agent.Wasm.WasmChunk(i, (long)i * Agent.Wasm.WasmModule.ChunkSize, Chunk(i), Convert.FromHexString(hash)))];

    public WasmCustomSection? Section(string name) => CustomSections.FirstOrDefault(s => s.Name == name);

    /// <summary>Reads a module; throws <see cref="WasmException"/> (NotWasm) naming what was found instead.</summary>
    public static WasmModule Parse(byte[] bytes)
    {
        var gzip = bytes.Length >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b;
        var wasm = gzip ? Decompress(bytes) : bytes;
        return new WasmModule(bytes, gzip, ReadSections(wasm));
    }

    private static byte[] Decompress(byte[] bytes)
    {
        try
        {
            using var input = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = input.Read(buffer)) > 0)
            {
                if (output.Length + read > MaxDecompressedSize)
                {
                    throw new WasmException(Api.V1Alpha1.WasmTemplateReasons.TooLarge, $"The gzip-compressed module decompresses to more than {MaxDecompressedSize} bytes, the IC's limit.", terminal: true);
                }

                output.Write(buffer, 0, read);
            }

            return output.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new WasmException(Api.V1Alpha1.WasmTemplateReasons.NotWasm, $"The module starts like gzip but does not decompress: {e.Message}", terminal: true, e);
        }
    }

    private static List<WasmCustomSection> ReadSections(byte[] wasm)
    {
        if (wasm.Length < 8 || !wasm.AsSpan(0, 4).SequenceEqual(Magic))
        {
            var found = Convert.ToHexStringLower(wasm.AsSpan(0, Math.Min(4, wasm.Length)));
            throw new WasmException(Api.V1Alpha1.WasmTemplateReasons.NotWasm, $"Expected a Wasm module (starting 0061736d) or gzip-compressed Wasm (1f8b), found bytes starting {(found.Length == 0 ? "(empty)" : found)}.", terminal: true);
        }

        var version = BitConverter.ToUInt32(wasm, 4);
        if (version != 1)
        {
            throw new WasmException(Api.V1Alpha1.WasmTemplateReasons.NotWasm, $"Expected Wasm binary version 1, found {version}.", terminal: true);
        }

        var sections = new List<WasmCustomSection>();
        var position = 8;
        while (position < wasm.Length)
        {
            var id = wasm[position++];
            var size = (int)ReadU32(wasm, ref position);
            if (size > wasm.Length - position)
            {
                throw new WasmException(Api.V1Alpha1.WasmTemplateReasons.NotWasm, $"Section {id} at offset {position} claims {size} bytes but only {wasm.Length - position} remain.", terminal: true);
            }

            if (id > 13)
            {
                throw new WasmException(Api.V1Alpha1.WasmTemplateReasons.NotWasm, $"Unknown section id {id} at offset {position - 1}.", terminal: true);
            }

            if (id == 0)
            {
                var inner = position;
                var nameLength = (int)ReadU32(wasm, ref inner);
                if (nameLength > position + size - inner)
                {
                    throw new WasmException(Api.V1Alpha1.WasmTemplateReasons.NotWasm, $"Custom section at offset {position} has a name longer than the section.", terminal: true);
                }

                var rawName = System.Text.Encoding.UTF8.GetString(wasm, inner, nameLength);
                inner += nameLength;
                var content = wasm.AsMemory(inner, position + size - inner);
                sections.Add(Named(rawName, content));
            }

            position += size;
        }

        return sections;
    }

    private static WasmCustomSection Named(string rawName, ReadOnlyMemory<byte> content)
    {
        foreach (var visibility in new[] { WasmCustomSection.Public, WasmCustomSection.Private })
        {
            var prefix = $"icp:{visibility} ";
            if (rawName.StartsWith(prefix, StringComparison.Ordinal))
            {
                return new WasmCustomSection(rawName[prefix.Length..], visibility, content);
            }
        }

        return new WasmCustomSection(rawName, null, content);
    }

    private static uint ReadU32(byte[] bytes, ref int position)
    {
        uint result = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            if (position >= bytes.Length)
            {
                throw new WasmException(Api.V1Alpha1.WasmTemplateReasons.NotWasm, "The module ends inside a length field.", terminal: true);
            }

            var b = bytes[position++];
            result |= (uint)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw new WasmException(Api.V1Alpha1.WasmTemplateReasons.NotWasm, "A length field is longer than 5 bytes.", terminal: true);
    }
}
