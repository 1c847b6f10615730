using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace IcOperator.Api.V1Alpha1;

/// <summary>One past deployment of the canister.</summary>
[Description("One past deployment of the canister.")]
public sealed record DeploymentRecord
{
    [Required]
    [Description("The template version deployed.")]
    public string Version { get; init; } = string.Empty;

    [Description("The module hash deployed.")]
    public string? ModuleHash { get; init; }

    [Description("When the deployment finished.")]
    public DateTimeOffset? DeployedAt { get; init; }

    [Description("Succeeded, RolledBack or Failed.")]
    public OperationResult? Result { get; init; }
}
