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
    [Description("The install argument in Candid text; ${user}, ${operator}, ${previousCanisters} (a Candid vec of the principals of the components before this one, in order) and ${components.<name>.canisterId} of an earlier component are substituted. Checked against the module's init types before anything is created.")]
    public string? Arg { get; init; }

    [Description("A call that must reply as expected after the component's install or upgrade; a failing one fails the package upgrade.")]
    public HealthCheck? HealthCheck { get; init; }

    [Description("Called once on the new canister after its install (a post-deploy call of its CanisterDeployment).")]
    public ComponentCall? Init { get; init; }

    [Description("Called on the canister before it is removed (a pre-delete call of its CanisterDeployment).")]
    public ComponentCall? Deinit { get; init; }
}
