using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using IcOperator.Api.Schema;

namespace IcOperator.Api.V1Alpha1;

/// <summary>A version of a WasmTemplate in the same namespace.</summary>
[Description("A version of a WasmTemplate in the same namespace.")]
public sealed record TemplateVersionReference
{
    [Required]
    [MaxLength(253)]
    [RegularExpression(SchemaPatterns.ObjectName)]
    [Description("Name of the WasmTemplate.")]
    public string Name { get; init; } = string.Empty;

    [Required]
    [MaxLength(128)]
    [RegularExpression(SchemaPatterns.SemanticVersion)]
    [Description("The version of the template to run.")]
    public string Version { get; init; } = string.Empty;
}
