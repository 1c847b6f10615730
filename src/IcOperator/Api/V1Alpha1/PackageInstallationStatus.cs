using System.ComponentModel;
using IcOperator.Api.Schema;

namespace IcOperator.Api.V1Alpha1;

/// <summary>Where the package's components are.</summary>
[Description("Where the package's components are.")]
public sealed record PackageInstallationStatus
{
    [Description("The metadata.generation this status was computed for.")]
    public long? ObservedGeneration { get; init; }

    [Description("The last value of the ic-operator.dev/reconcile-requested-at annotation the operator handled.")]
    public string? LastHandledReconcileAt { get; init; }

    [Description("A stable id of this installation (the resource's uid, recorded once).")]
    public string? InstallationId { get; init; }

    [ListMap("name")]
    [Description("One entry per component, in install order.")]
    public List<ComponentStatus> Components { get; init; } = [];

    [Description("Pending, Installing, Upgrading, RollingBack, Ready, Failed or Deleting.")]
    public CanisterPhase? Phase { get; init; }

    [Description("Components Ready out of components declared, for example 2/3.")]
    public string? Ready { get; init; }

    [Description("The last package upgrade; while it runs, how far each component got.")]
    public PackageOperation? Operation { get; init; }

    [ListMap("name")]
    [Description("The versions of the last failed upgrade; not retried until the spec changes.")]
    public List<ComponentVersion> FailedVersions { get; init; } = [];

    [Description("The metadata.generation failedVersions failed at.")]
    public long? FailedGeneration { get; init; }

    [ListMap("type")]
    [Description("Ready, Reconciling and Stalled, as kstatus defines them.")]
    public List<Condition> Conditions { get; init; } = [];
}
