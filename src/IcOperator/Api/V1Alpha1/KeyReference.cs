using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using IcOperator.Api.Schema;

namespace IcOperator.Api.V1Alpha1;

/// <summary>A key of a Secret or ConfigMap in the same namespace.</summary>
[Description("A key of a Secret or ConfigMap in the same namespace.")]
public sealed record KeyReference
{
    [Required]
    [MinLength(1)]
    [MaxLength(253)]
    [RegularExpression(SchemaPatterns.ObjectName)]
    [Description("Name of the Secret or ConfigMap.")]
    public string Name { get; init; } = string.Empty;

    [Required]
    [MinLength(1)]
    [MaxLength(253)]
    [RegularExpression("^[-._a-zA-Z0-9]+$")]
    [Description("Key within the Secret's data or the ConfigMap's binaryData.")]
    public string Key { get; init; } = string.Empty;
}
