using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace IcOperator.Api.V1Alpha1;

/// <summary>One component's part in a package upgrade.</summary>
[Description("One component's part in a package upgrade.")]
public sealed record ComponentOperation
{
    [Required]
    [Description("The component's name.")]
    public string Name { get; init; } = string.Empty;

    [Description("The version before the upgrade.")]
    public string? From { get; init; }

    [Description("The version the upgrade moves to.")]
    public string? To { get; init; }

    [Description("The snapshot taken before this component was upgraded; restored if a later component fails.")]
    public string? SnapshotId { get; init; }

    [Description("Pending, Upgrading, Upgraded, Failed, Restoring, Restored or RestoreFailed.")]
    public ComponentStep Step { get; init; } = ComponentStep.Pending;

    [Description("What happened, for people.")]
    public string? Message { get; init; }
}
