using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace IcOperator.Api.V1Alpha1;

/// <summary>Where one component of a package is.</summary>
[Description("Where one component of a package is.")]
public sealed record ComponentStatus
{
    [Required]
    [Description("The component's name.")]
    public string Name { get; init; } = string.Empty;

    [Description("The CanisterDeployment that runs the component.")]
    public string? Deployment { get; init; }

    [Description("The component's canister id.")]
    public string? CanisterId { get; init; }

    [Description("The template version the component runs.")]
    public string? Version { get; init; }

    [Description("The phase of the component's CanisterDeployment.")]
    public CanisterPhase? Phase { get; init; }
}
