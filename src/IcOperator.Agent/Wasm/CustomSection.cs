namespace IcOperator.Agent.Wasm;

/// <summary>A Wasm custom section (id 0): its name and content.</summary>
public sealed record CustomSection(string Name, ReadOnlyMemory<byte> Content)
{
    /// <summary>For <c>icp:public NAME</c> / <c>icp:private NAME</c> sections, the metadata name and visibility.</summary>
    public (string Name, MetadataVisibility Visibility)? Metadata =>
        Name.StartsWith("icp:public ", StringComparison.Ordinal) ? (Name["icp:public ".Length..], MetadataVisibility.Public)
        : Name.StartsWith("icp:private ", StringComparison.Ordinal) ? (Name["icp:private ".Length..], MetadataVisibility.Private)
        : null;
}
