namespace IcOperator.Emulators.Ic.Modules;

/// <summary>A Wasm custom section: its full name (e.g. <c>icp:public candid:service</c>) and content.</summary>
public sealed record CustomSection(string Name, byte[] Content)
{
    private const string PublicPrefix = "icp:public ";
    private const string PrivatePrefix = "icp:private ";

    /// <summary>The metadata name without its <c>icp:public </c>/<c>icp:private </c> prefix, or null for other sections.</summary>
    public string? MetadataName =>
        Name.StartsWith(PublicPrefix, StringComparison.Ordinal) ? Name[PublicPrefix.Length..]
        : Name.StartsWith(PrivatePrefix, StringComparison.Ordinal) ? Name[PrivatePrefix.Length..]
        : null;

    /// <summary>Whether anyone may read this metadata through <c>read_state</c>, not only controllers.</summary>
    public bool IsPublic => Name.StartsWith(PublicPrefix, StringComparison.Ordinal);
}
