using System.Text;
using IcOperator.Agent.Wasm;

namespace IcOperator.Emulators.Ic.Modules;

/// <summary>
/// A Wasm module as the replica sees it on install: its bytes as sent (gzip or not), their sha256 (the module
/// hash), and the sections of the decompressed module, read by the agent's Wasm reader and checked against the
/// replica's limits on metadata.
/// </summary>
internal sealed class WasmModule
{
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
        var read = ReadModule(bytes);
        var sections = read.CustomSections.Select(s => new CustomSection(s.Name, s.Content.ToArray())).ToList();
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

        return new WasmModule(read.ModuleBytes.ToArray(), read.Sha256, read.WasmBytes.ToArray(), sections) { Sections = read.Sections };
    }

    /// <summary>Every section of <see cref="Code"/>, custom sections included, for the Wasm engine.</summary>
    public IReadOnlyList<WasmSection> Sections { get; private init; } = [];

    // The one Wasm reader (the agent's), its refusals worded as the replica words them.
    private static IcOperator.Agent.Wasm.WasmModule ReadModule(byte[] bytes)
    {
        try
        {
            return IcOperator.Agent.Wasm.WasmModule.Parse(bytes, new WasmReaderLimits { MaxDecompressedSize = MaxDecompressedSize });
        }
        catch (WasmTooLargeException e)
        {
            throw new FormatException(e.Message + ".", e);
        }
        catch (WasmFormatException e)
        {
            throw new FormatException("Wasm module has an invalid format: " + e.Message["Wasm module: ".Length..] + ".", e);
        }
    }
}
