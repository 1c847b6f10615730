using System.Text;
using IcOperator.Agent.Wasm;

namespace IcOperator.Emulators.Ic.Wasm;

/// <summary>
/// What execution needs from a module's sections: function types of its imports, its exports, whether its
/// memory is 64-bit, and its mutable globals. <see cref="WithGlobalsExported"/> adds an export for each mutable
/// global so that the engine can read and restore them (snapshots, rollback), as the replica does.
/// </summary>
internal sealed class WasmBinary
{
    public const string GlobalExportPrefix = "__ic_emulator_global_";

    /// <summary>The start function, exported instead of run at instantiation: with kept memory it must run after the memory is in place.</summary>
    public const string StartExport = "__ic_emulator_start";

    private const byte StartSectionId = 8;

    private const byte ExportSectionId = 7;

    // The position of each known section id in the order the Wasm specification requires.
    private static readonly byte[] SectionOrder = [1, 2, 3, 4, 5, 13, 6, 7, 8, 9, 12, 10, 11];

    private readonly byte[] bytes;
    private readonly List<(byte Id, int Start, int End)> sections;

    // The sections come from the agent's Wasm reader; what is read here is the content of the sections execution needs.
    private WasmBinary(byte[] bytes, IReadOnlyList<WasmSection> framing)
    {
        this.bytes = bytes;
        sections = [.. framing.Select(s => (s.Id, s.Offset, s.End))];

        var types = new List<WasmFunctionType>();
        if (Section(1) is { } typeSection)
        {
            var p = typeSection.Start;
            var count = ReadUleb(ref p);
            for (ulong i = 0; i < count; i++)
            {
                if (bytes[p++] != 0x60)
                {
                    throw new FormatException("the type section holds a type that is not a function type.");
                }

                var parameters = ReadBytes(ref p, (int)ReadUleb(ref p));
                var results = ReadBytes(ref p, (int)ReadUleb(ref p));
                types.Add(new WasmFunctionType(parameters, results));
            }
        }

        var imports = new List<WasmImport>();
        var importedGlobals = 0;
        if (Section(2) is { } importSection)
        {
            var p = importSection.Start;
            var count = ReadUleb(ref p);
            for (ulong i = 0; i < count; i++)
            {
                var module = ReadName(ref p);
                var name = ReadName(ref p);
                var kind = bytes[p++];
                WasmFunctionType? type = null;
                switch (kind)
                {
                    case 0:
                        var index = (int)ReadUleb(ref p);
                        type = index < types.Count ? types[index] : throw new FormatException($"import {module}.{name} refers to type {index}, which does not exist.");
                        break;
                    case 1:
                        p++;
                        SkipLimits(ref p);
                        break;
                    case 2:
                        SkipLimits(ref p);
                        break;
                    case 3:
                        p += 2;
                        importedGlobals++;
                        break;
                    case 4:
                        p++;
                        ReadUleb(ref p);
                        break;
                    default:
                        throw new FormatException($"import {module}.{name} has unknown kind {kind}.");
                }

                imports.Add(new WasmImport(module, name, kind, type));
            }
        }

        Imports = imports;

        if (Section(5) is { } memorySection)
        {
            var p = memorySection.Start;
            if (ReadUleb(ref p) > 0)
            {
                HasMemory = true;
                Is64BitMemory = (bytes[p] & 0x04) != 0;
            }
        }

        if (Section(4) is { } tableSection)
        {
            var p = tableSection.Start;
            HasTable = ReadUleb(ref p) > 0;
        }

        var mutableGlobals = new List<int>();
        if (Section(6) is { } globalSection)
        {
            var p = globalSection.Start;
            var count = ReadUleb(ref p);
            for (ulong i = 0; i < count; i++)
            {
                p++; // value type
                if (bytes[p++] == 1)
                {
                    mutableGlobals.Add(importedGlobals + (int)i);
                }

                SkipConstantExpression(ref p);
            }
        }

        MutableGlobals = mutableGlobals;

        var exports = new List<string>();
        if (Section(ExportSectionId) is { } exportSection)
        {
            var p = exportSection.Start;
            var count = ReadUleb(ref p);
            for (ulong i = 0; i < count; i++)
            {
                exports.Add(ReadName(ref p));
                p++;
                ReadUleb(ref p);
            }
        }

        Exports = exports;

        if (Section(StartSectionId) is { } startSection)
        {
            var p = startSection.Start;
            StartFunction = (int)ReadUleb(ref p);
        }
    }

    /// <summary>The index of the start function, if the module has one.</summary>
    public int? StartFunction { get; }

    public IReadOnlyList<WasmImport> Imports { get; }

    /// <summary>The names of the exports as the module declares them (<c>canister_update greet</c>, <c>memory</c> …).</summary>
    public IReadOnlyList<string> Exports { get; }

    public bool Is64BitMemory { get; }

    /// <summary>Whether the module defines a memory (memory 0, the canister's main memory).</summary>
    public bool HasMemory { get; }

    /// <summary>Whether the module defines a table (table 0, where callbacks of inter-canister calls are found).</summary>
    public bool HasTable { get; }

    /// <summary>The indices of the mutable globals the module defines.</summary>
    public IReadOnlyList<int> MutableGlobals { get; }

    /// <summary>Reads the sections of a decompressed module; throws <see cref="FormatException"/> with what is wrong.</summary>
    public static WasmBinary Read(byte[] plain)
    {
        try
        {
            return new WasmBinary(plain, IcOperator.Agent.Wasm.WasmModule.Parse(plain).Sections);
        }
        catch (WasmFormatException e)
        {
            throw new FormatException(e.Message, e);
        }
        catch (IndexOutOfRangeException)
        {
            throw new FormatException("a section ends before its declared content.");
        }
    }

    /// <summary>
    /// The module with exports the engine reads through: memory 0 as <paramref name="memoryExport"/>, table 0 as
    /// <paramref name="tableExport"/>, and each mutable global as <see cref="GlobalExportPrefix"/> + its index.
    /// </summary>
    public byte[] Instrumented(string memoryExport, string tableExport)
    {
        var added = new List<(string Name, byte Kind, int Index)>();
        if (HasMemory)
        {
            added.Add((memoryExport, 2, 0));
        }

        if (HasTable)
        {
            added.Add((tableExport, 1, 0));
        }

        if (StartFunction is { } startFunction)
        {
            added.Add((StartExport, 0, startFunction));
        }

        added.AddRange(MutableGlobals.Select(index => (GlobalExportPrefix + index, (byte)3, index)));
        if (added.Count == 0)
        {
            return bytes;
        }

        var entries = new MemoryStream();
        var existing = Section(ExportSectionId);
        var count = (ulong)Exports.Count + (ulong)added.Count;
        WriteUleb(entries, count);
        if (existing is { } section)
        {
            var p = section.Start;
            ReadUleb(ref p);
            entries.Write(bytes, p, section.End - p);
        }

        foreach (var (exportName, kind, index) in added)
        {
            var name = Encoding.UTF8.GetBytes(exportName);
            WriteUleb(entries, (ulong)name.Length);
            entries.Write(name);
            entries.WriteByte(kind);
            WriteUleb(entries, (ulong)index);
        }

        var output = new MemoryStream();
        output.Write(bytes, 0, 8);
        var written = false;
        foreach (var (id, start, end) in sections)
        {
            if (!written && id != 0 && (id == ExportSectionId || Order(id) > Order(ExportSectionId)))
            {
                WriteSection(output, ExportSectionId, entries.ToArray());
                written = true;
            }

            if (id is ExportSectionId or StartSectionId)
            {
                continue;
            }

            output.WriteByte(id);
            WriteUleb(output, (ulong)(end - start));
            output.Write(bytes, start, end - start);
        }

        if (!written)
        {
            WriteSection(output, ExportSectionId, entries.ToArray());
        }

        return output.ToArray();
    }

    private static int Order(byte id) => Array.IndexOf(SectionOrder, id);

    private static void WriteSection(MemoryStream output, byte id, byte[] content)
    {
        output.WriteByte(id);
        WriteUleb(output, (ulong)content.Length);
        output.Write(content);
    }

    private (int Start, int End)? Section(byte id)
    {
        foreach (var section in sections)
        {
            if (section.Id == id)
            {
                return (section.Start, section.End);
            }
        }

        return null;
    }

    private void SkipLimits(ref int p)
    {
        var flags = bytes[p++];
        ReadUleb(ref p);
        if ((flags & 1) != 0)
        {
            ReadUleb(ref p);
        }
    }

    private void SkipConstantExpression(ref int p)
    {
        while (true)
        {
            var op = bytes[p++];
            switch (op)
            {
                case 0x0b:
                    return;
                case 0x41 or 0x42 or 0x23 or 0xd2:
                    ReadUleb(ref p);
                    break;
                case 0x43:
                    p += 4;
                    break;
                case 0x44:
                    p += 8;
                    break;
                case 0xd0:
                    p++;
                    break;
                case 0xfd:
                    ReadUleb(ref p);
                    p += 16;
                    break;
                case 0x6a or 0x6b or 0x6c or 0x7c or 0x7d or 0x7e:
                    break;
                default:
                    throw new FormatException($"a global's initialiser uses opcode 0x{op:x2}, which is not a constant instruction.");
            }
        }
    }

    private string ReadName(ref int p)
    {
        var length = (int)ReadUleb(ref p);
        var name = Encoding.UTF8.GetString(bytes, p, length);
        p += length;
        return name;
    }

    private byte[] ReadBytes(ref int p, int length)
    {
        var result = bytes.AsSpan(p, length).ToArray();
        p += length;
        return result;
    }

    // Signed and unsigned LEB128 share their length; the value is only needed for unsigned numbers.
    private ulong ReadUleb(ref int p)
    {
        ulong result = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            var b = bytes[p++];
            if (shift < 64)
            {
                result |= (ulong)(b & 0x7f) << shift;
            }

            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw new FormatException("a LEB128 number is longer than 10 bytes.");
    }

    private static void WriteUleb(MemoryStream output, ulong value)
    {
        do
        {
            var b = (byte)(value & 0x7f);
            value >>= 7;
            output.WriteByte(value == 0 ? b : (byte)(b | 0x80));
        }
        while (value != 0);
    }
}
