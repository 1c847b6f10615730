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

    [Description("A stable id of this installation.")]
    public string? InstallationId { get; init; }

    [ListMap("name")]
    [Description("One entry per component, in install order.")]
    public List<ComponentStatus> Components { get; init; } = [];

    [Description("The package's phase: that of its least advanced component.")]
    public CanisterPhase? Phase { get; init; }

    [ListMap("type")]
    [Description("Ready, Reconciling and Stalled, as kstatus defines them.")]
    public List<Condition> Conditions { get; init; } = [];
}
