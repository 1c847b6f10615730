using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using IcOperator.Api.Schema;

namespace IcOperator.Api.V1Alpha1;

/// <summary>An update call on a component's canister: init after its install, deinit before its removal.</summary>
[Description("An update call on a component's canister; its argument may use the same placeholders as the install argument.")]
public sealed record ComponentCall
{
    [Required]
    [MaxLength(255)]
    [RegularExpression(SchemaPatterns.MethodName)]
    [Description("The update method to call.")]
    public string Method { get; init; } = string.Empty;

    [DefaultValue("()")]
    [MaxLength(65536)]
    [Description("The argument in Candid text; ${user}, ${operator}, ${previousCanisters} and ${components.<name>.canisterId} are substituted.")]
    public string Arg { get; init; } = "()";
}
