namespace IcOperator.Wasm;

/// <summary>A custom section of a Wasm module. <see cref="Name"/> is without the icp:public / icp:private prefix.</summary>
internal sealed record WasmCustomSection(string Name, string? Visibility, ReadOnlyMemory<byte> Content)
{
    public const string Public = "public";
    public const string Private = "private";

    /// <summary>The section's size in the module, also for a detached section whose content was not kept.</summary>
    public int Size { get; private init; } = Content.Length;

    /// <summary>The section's name as stored in the module.</summary>
    public string RawName => Visibility is null ? Name : $"icp:{Visibility} {Name}";

    public string Text => System.Text.Encoding.UTF8.GetString(Content.Span);

    /// <summary>
    /// The section with its own copy of what the operator reads (metadata, and the names the metadata reader looks up),
    /// so it does not hold the module's bytes; other sections (names, debug info, padding) keep only their size.
    /// </summary>
    public WasmCustomSection Detached() => this with
    {
        Content = Visibility is not null || WasmMetadataReader.ReadsSection(Name) ? Content.ToArray() : ReadOnlyMemory<byte>.Empty,
    };
}
