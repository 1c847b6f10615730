using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace IcOperator.Api.V1Alpha1;

/// <summary>A custom section of the module.</summary>
[Description("A custom section of the module.")]
public sealed record WasmSectionInfo
{
    [Required]
    [Description("Name of the section without its icp:public or icp:private prefix.")]
    public string Name { get; init; } = string.Empty;

    [Description("public or private (icp: sections), or none for other custom sections.")]
    public string? Visibility { get; init; }

    [Description("Size of the section's content in bytes.")]
    public long Size { get; init; }
}
