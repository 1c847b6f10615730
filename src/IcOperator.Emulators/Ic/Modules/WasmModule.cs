using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace IcOperator.Emulators.Ic.Modules;

/// <summary>
/// A Wasm module as the replica sees it on install: its bytes as sent (gzip or not), their sha256 (the module
/// hash), and the custom sections of the decompressed module.
/// </summary>
internal sealed class WasmModule
{
    private static readonly byte[] Magic = [0x00, 0x61, 0x73, 0x6d];
    private static readonly byte[] Version1 = [0x01, 0x00, 0x00, 0x00];

    // The replica's limits: a decompressed module of at most 100 MiB, at most 16 icp: sections of 1 MiB in total.
    public const int MaxDecompressedSize = 100 * 1024 * 1024;
    public const int MaxMetadataSections = 16;
    public const int MaxMetadataBytes = 1024 * 1024;

    private WasmModule(byte[] bytes, byte[] hash, byte[] code, IReadOnlyList<CustomSection> sections)
    {
        Bytes = bytes;
        Hash = hash;
        Code = code;
        DecompressedSize = code.Length;
        CustomSections = sections;
    }

    public byte[] Bytes { get; }

    /// <summary>The decompressed module, which the Wasm engine compiles.</summary>
    public byte[] Code { get; }

    public byte[] Hash { get; }

    public int DecompressedSize { get; }

    public IReadOnlyList<CustomSection> CustomSections { get; }

    /// <summary>The bytes of all custom sections, which canister_status reports apart.</summary>
    public long CustomSectionsSize => CustomSections.Sum(s => (long)s.Content.Length + Encoding.UTF8.GetByteCount(s.Name));

    /// <summary>The metadata section named <paramref name="name"/> (without the icp: prefix), or null.</summary>
    public CustomSection? Metadata(string name) => CustomSections.FirstOrDefault(s => s.MetadataName == name);

    /// <summary>Reads a module or throws <see cref="FormatException"/> with what the replica would say is wrong.</summary>
    public static WasmModule Parse(byte[] bytes)
    {
        var hash = SHA256.HashData(bytes);
        var plain = bytes is [0x1f, 0x8b, ..] ? Gunzip(bytes) : bytes;
        if (plain.Length > MaxDecompressedSize)
        {
            throw new FormatException($"Wasm module is too large: it is {plain.Length} bytes, more than {MaxDecompressedSize}.");
        }

        if (plain.Length < 8 || !plain.AsSpan(0, 4).SequenceEqual(Magic))
        {
            throw new FormatException("Wasm module has an invalid format: the module does not start with the Wasm magic bytes \\0asm (nor is it gzip-compressed).");
        }

        if (!plain.AsSpan(4, 4).SequenceEqual(Version1))
        {
            throw new FormatException("Wasm module has an invalid format: unsupported Wasm version (expected 1).");
        }

        var sections = new List<CustomSection>();
        var pos = 8;
        var lastId = 0;
        while (pos < plain.Length)
        {
            var id = plain[pos++];
            var size = (int)ReadUleb(plain, ref pos);
            if (size < 0 || pos + size > plain.Length)
            {
                throw new FormatException($"Wasm module has an invalid format: section {id} at offset {pos} runs past the end of the module.");
            }

            if (id == 0)
            {
                var end = pos + size;
                var nameLength = (int)ReadUleb(plain, ref pos);
                if (nameLength < 0 || pos + nameLength > end)
                {
                    throw new FormatException("Wasm module has an invalid format: a custom section's name runs past the section.");
                }

                var name = Encoding.UTF8.GetString(plain, pos, nameLength);
                pos += nameLength;
                sections.Add(new CustomSection(name, plain[pos..end]));
                pos = end;
            }
            else
            {
                if (id > 13)
                {
                    throw new FormatException($"Wasm module has an invalid format: unknown section id {id}.");
                }

                // The data-count section (12) sits between imports/exports and code; others keep their order.
                if (id != 12 && id < lastId && lastId != 12)
                {
                    throw new FormatException($"Wasm module has an invalid format: section {id} appears after section {lastId}.");
                }

                lastId = id;
                pos += size;
            }
        }

        var metadata = sections.Where(s => s.MetadataName is not null).ToList();
        if (metadata.Count > MaxMetadataSections)
        {
            throw new FormatException($"Wasm module has an invalid custom section: at most {MaxMetadataSections} icp: sections are allowed, found {metadata.Count}.");
        }

        if (metadata.Sum(s => (long)s.Content.Length) > MaxMetadataBytes)
        {
            throw new FormatException($"Wasm module has an invalid custom section: icp: sections hold more than {MaxMetadataBytes} bytes in total.");
        }

        var duplicate = metadata.GroupBy(s => s.MetadataName).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new FormatException($"Wasm module has an invalid custom section: '{duplicate.Key}' is declared more than once.");
        }

        return new WasmModule(bytes, hash, plain, sections);
    }

    private static byte[] Gunzip(byte[] bytes)
    {
        try
        {
            using var input = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = input.Read(buffer)) > 0)
            {
                output.Write(buffer, 0, read);
                if (output.Length > MaxDecompressedSize)
                {
                    throw new FormatException($"Wasm module is too large: it decompresses to more than {MaxDecompressedSize} bytes.");
                }
            }

            return output.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new FormatException("Wasm module has an invalid format: the gzip stream cannot be decompressed: " + e.Message, e);
        }
    }

    private static ulong ReadUleb(byte[] data, ref int pos)
    {
        ulong result = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            if (pos >= data.Length)
            {
                throw new FormatException("Wasm module has an invalid format: a LEB128 number runs past the end of the module.");
            }

            var b = data[pos++];
            result |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw new FormatException("Wasm module has an invalid format: a LEB128 number is longer than 5 bytes.");
    }
}
