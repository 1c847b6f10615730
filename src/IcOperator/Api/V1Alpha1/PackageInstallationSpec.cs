using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using IcOperator.Api.Schema;

namespace IcOperator.Api.V1Alpha1;

/// <summary>The components of a package and who it is installed for.</summary>
[Description("The components of a package and who it is installed for.")]
public sealed record PackageInstallationSpec
{
    [Required]
    [Description("The IcNetwork to install on.")]
    public LocalObjectReference NetworkRef { get; init; } = new();

    [Required]
    [MaxLength(63)]
    [RegularExpression(SchemaPatterns.Principal)]
    [Description("The principal the package is installed for; available to arguments as ${user}.")]
    public string User { get; init; } = string.Empty;

    [Required]
    [MinLength(1)]
    [MaxLength(32)]
    [ListMap("name")]
    [Description("Installed in this order, each once the one before it is Ready; removed in reverse order.")]
    public List<PackageComponent> Components { get; init; } = [];

    [MaxLength(32)]
    [Description("Other PackageInstallations in this namespace that must be Ready first.")]
    public List<LocalObjectReference>? DependsOn { get; init; }

    [DefaultObject]
    [Description("How the package is upgraded.")]
    public PackageUpgradePolicy Upgrade { get; init; } = new();

    [DefaultValue("Retain")]
    [Description("What deleting the package does to its canisters: Retain, Stop or Delete.")]
    public DeletionPolicy DeletionPolicy { get; init; } = DeletionPolicy.Retain;
}
