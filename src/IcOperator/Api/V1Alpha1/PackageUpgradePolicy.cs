using System.ComponentModel;

namespace IcOperator.Api.V1Alpha1;

/// <summary>How a package is upgraded.</summary>
[Description("How a package is upgraded.")]
public sealed record PackageUpgradePolicy
{
    [DefaultValue(true)]
    [Description("Snapshot every component, upgrade them in order, and roll all back if any fails.")]
    public bool Atomic { get; init; } = true;
}
