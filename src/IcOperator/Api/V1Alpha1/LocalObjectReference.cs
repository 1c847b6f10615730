using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using IcOperator.Api.Schema;

namespace IcOperator.Api.V1Alpha1;

/// <summary>A reference to another object in the same namespace.</summary>
[Description("A reference to another object in the same namespace.")]
public sealed record LocalObjectReference
{
    [Required]
    [MinLength(1)]
    [MaxLength(253)]
    [RegularExpression(SchemaPatterns.ObjectName)]
    [Description("Name of the object.")]
    public string Name { get; init; } = string.Empty;
}
