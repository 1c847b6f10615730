using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace IcOperator.Api.V1Alpha1;

/// <summary>One canister of a package.</summary>
[Description("One canister of a package.")]
public sealed record PackageComponent
{
    [Required]
    [MaxLength(63)]
    [RegularExpression("^[a-z]([-a-z0-9]*[a-z0-9])?$")]
    [Description("Name of the component; its canister id is available to later arguments as ${components.<name>.canisterId}.")]
    public string Name { get; init; } = string.Empty;

    [Required]
    [Description("The WasmTemplate version the component runs.")]
    public TemplateVersionReference Template { get; init; } = new();

    [MaxLength(1048576)]
    [Description("The install argument in Candid text; ${user}, ${operator} and ${components.<name>.canisterId} are substituted.")]
    public string? Arg { get; init; }
}
