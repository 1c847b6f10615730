using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using IcOperator.Api.Schema;

namespace IcOperator.Api.V1Alpha1;

/// <summary>An update call made on the canister when the resource is deleted, before the deletion policy is applied.</summary>
[Description("An update call made on the canister when the resource is deleted, before the deletion policy is applied.")]
public sealed record PreDeleteCall
{
    [Required]
    [MaxLength(63)]
    [RegularExpression("^[a-z]([-a-z0-9]*[a-z0-9])?$")]
    [Description("Names the call in status and events.")]
    public string Name { get; init; } = string.Empty;

    [Required]
    [MaxLength(255)]
    [RegularExpression(SchemaPatterns.MethodName)]
    [Description("The update method to call.")]
    public string Method { get; init; } = string.Empty;

    [DefaultValue("()")]
    [MaxLength(65536)]
    [Description("The argument in Candid text.")]
    public string Arg { get; init; } = "()";
}
