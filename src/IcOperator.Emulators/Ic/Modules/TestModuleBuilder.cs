using System.IO.Compression;
using System.Text;

namespace IcOperator.Emulators.Ic.Modules;

/// <summary>
/// Builds test canister modules: valid Wasm (magic, version, custom sections only) whose behaviour the emulator
/// reads from <c>icp:public emulator:behavior</c>. Tools such as <c>ic-wasm</c> read and edit them like any module.
/// </summary>
public sealed class TestModuleBuilder
{
    private readonly List<(string Name, byte[] Content)> sections = [];
    private readonly List<string> imports = [];
    private readonly Dictionary<string, MethodBehavior> methods = new(StringComparer.Ordinal);
    private CanisterBehavior behavior = new();
    private int paddingTo;

    /// <summary>Replaces the whole behaviour (methods added with <see cref="WithMethod"/> are kept and win).</summary>
    public TestModuleBuilder WithBehavior(CanisterBehavior value)
    {
        behavior = value;
        return this;
    }

    public TestModuleBuilder WithMethod(string name, MethodBehavior method)
    {
        methods[name] = method;
        return this;
    }

    /// <summary>A query method that replies with the given Candid text.</summary>
    public TestModuleBuilder WithQuery(string name, string reply) => WithMethod(name, new MethodBehavior { Query = true, Reply = reply });

    /// <summary>An update method that replies with the given Candid text.</summary>
    public TestModuleBuilder WithUpdate(string name, string reply) => WithMethod(name, new MethodBehavior { Reply = reply });

    public TestModuleBuilder WithInitArgs(string candidTypes)
    {
        behavior = behavior with { InitArgs = candidTypes };
        return this;
    }

    public TestModuleBuilder WithInit(LifecycleBehavior init)
    {
        behavior = behavior with { Init = init };
        return this;
    }

    public TestModuleBuilder WithPostUpgrade(LifecycleBehavior postUpgrade)
    {
        behavior = behavior with { PostUpgrade = postUpgrade };
        return this;
    }

    /// <summary>The <c>icp:public candid:service</c> section.</summary>
    public TestModuleBuilder WithCandidService(string did) => WithMetadata("candid:service", did, isPublic: true);

    /// <summary>The <c>icp:public candid:args</c> section: the init argument types, e.g. <c>(record { owner : principal })</c>.</summary>
    public TestModuleBuilder WithCandidArgs(string args) => WithMetadata("candid:args", args, isPublic: true);

    /// <summary>The <c>icp:private enhanced-orthogonal-persistence</c> section Motoko writes: upgrades must then say wasm_memory_persistence.</summary>
    public TestModuleBuilder WithEnhancedOrthogonalPersistence() => WithMetadata("enhanced-orthogonal-persistence", string.Empty, isPublic: false);

    public TestModuleBuilder WithMetadata(string name, string content, bool isPublic) =>
        WithCustomSection((isPublic ? "icp:public " : "icp:private ") + name, Encoding.UTF8.GetBytes(content));

    /// <summary>Any custom section, by its full name.</summary>
    public TestModuleBuilder WithCustomSection(string name, byte[] content)
    {
        sections.Add((name, content));
        return this;
    }

    /// <summary>A label that changes the module (and its hash) without changing its behaviour, e.g. a version.</summary>
    public TestModuleBuilder WithLabel(string label) => WithCustomSection("emulator:label", Encoding.UTF8.GetBytes(label));

    /// <summary>Pads the module with a custom section <c>emulator:padding</c> to at least this many bytes (e.g. above 2 MiB to force chunked upload).</summary>
    public TestModuleBuilder WithSizeAtLeast(int bytes)
    {
        paddingTo = bytes;
        return this;
    }

    /// <summary>
    /// Function imports from <c>ic0</c> the module declares (a type and an import section), as a compiled canister
    /// declares the system API it uses; the emulator still runs the behaviour, tools read the imports.
    /// </summary>
    public TestModuleBuilder WithSystemImports(params string[] names)
    {
        imports.AddRange(names);
        return this;
    }

    /// <summary>The behaviour the module will carry.</summary>
    public CanisterBehavior Behavior
    {
        get
        {
            var merged = new Dictionary<string, MethodBehavior>(behavior.Methods, StringComparer.Ordinal);
            foreach (var (name, method) in methods)
            {
                merged[name] = method;
            }

            return behavior with { Methods = merged };
        }
    }

    public byte[] Build()
    {
        using var module = new MemoryStream();
        module.Write([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
        if (imports.Count > 0)
        {
            WriteImportSections(module, imports);
        }

        WriteCustomSection(module, CanisterBehavior.SectionName, Encoding.UTF8.GetBytes(Behavior.ToJson()));
        foreach (var (name, content) in sections)
        {
            WriteCustomSection(module, name, content);
        }

        if (paddingTo > module.Length)
        {
            WriteCustomSection(module, "emulator:padding", new byte[PaddingFill(paddingTo - module.Length)]);
        }

        return module.ToArray();
    }

    /// <summary>The module gzip-compressed, as the IC also accepts it.</summary>
    public byte[] BuildGzip()
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(Build());
        }

        return output.ToArray();
    }

    /// <summary>How many padding bytes make a section named emulator:padding exactly <paramref name="sectionSize"/> bytes long, or just over.</summary>
    private static int PaddingFill(long sectionSize)
    {
        const int nameOverhead = 1 + 16;
        for (var lebLength = 1; lebLength <= 5; lebLength++)
        {
            var fill = sectionSize - 1 - lebLength - nameOverhead;
            if (fill >= 0 && LebLength((ulong)(fill + nameOverhead)) == lebLength)
            {
                return (int)fill;
            }
        }

        return 0;
    }

    private static int LebLength(ulong value)
    {
        var length = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            length++;
        }

        return length;
    }

    /// <summary>A type section with the one type () -> (), and an import section of ic0 functions of that type.</summary>
    private static void WriteImportSections(Stream module, List<string> names)
    {
        module.Write([0x01, 0x04, 0x01, 0x60, 0x00, 0x00]);
        using var body = new MemoryStream();
        WriteUleb(body, (ulong)names.Count);
        foreach (var name in names)
        {
            foreach (var text in new[] { "ic0", name })
            {
                var bytes = Encoding.UTF8.GetBytes(text);
                WriteUleb(body, (ulong)bytes.Length);
                body.Write(bytes);
            }

            body.Write([0x00, 0x00]);
        }

        module.WriteByte(0x02);
        WriteUleb(module, (ulong)body.Length);
        body.Position = 0;
        body.CopyTo(module);
    }

    private static void WriteCustomSection(Stream module, string name, byte[] content)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        using var body = new MemoryStream();
        WriteUleb(body, (ulong)nameBytes.Length);
        body.Write(nameBytes);
        body.Write(content);
        module.WriteByte(0);
        WriteUleb(module, (ulong)body.Length);
        body.Position = 0;
        body.CopyTo(module);
    }

    private static void WriteUleb(Stream stream, ulong value)
    {
        do
        {
            var b = (byte)(value & 0x7f);
            value >>= 7;
            stream.WriteByte(value == 0 ? b : (byte)(b | 0x80));
        }
        while (value != 0);
    }
}
