using System.ComponentModel;

namespace IcOperator.Api.V1Alpha1;

/// <summary>A template version whose chunks a network's chunk store holds.</summary>
[Description("A template version whose chunks the chunk store holds.")]
public sealed record StoredVersion
{
    [Description("The WasmTemplate's name.")]
    public string Template { get; init; } = string.Empty;

    [Description("The template version.")]
    public string Version { get; init; } = string.Empty;

    [Description("SHA-256 of the module, hex.")]
    public string Sha256 { get; init; } = string.Empty;

    [Description("How many chunks of the store are this module's.")]
    public int Chunks { get; init; }
}
