using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace IcOperator.Api.V1Alpha1;

/// <summary>A component and a version of it.</summary>
[Description("A component and a version of it.")]
public sealed record ComponentVersion
{
    [Required]
    [Description("The component's name.")]
    public string Name { get; init; } = string.Empty;

    [Required]
    [Description("The version.")]
    public string Version { get; init; } = string.Empty;
}
