namespace IcOperator.Wasm;

/// <summary>A custom section of a Wasm module. <see cref="Name"/> is without the icp:public / icp:private prefix.</summary>
internal sealed record WasmCustomSection(string Name, string? Visibility, ReadOnlyMemory<byte> Content)
{
    public const string Public = "public";
    public const string Private = "private";

    /// <summary>The section's name as stored in the module.</summary>
    public string RawName => Visibility is null ? Name : $"icp:{Visibility} {Name}";

    public string Text => System.Text.Encoding.UTF8.GetString(Content.Span);
}
