using System.ComponentModel;
using IcOperator.Api.Schema;

namespace IcOperator.Api.V1Alpha1;

/// <summary>What the operator found for each version.</summary>
[Description("What the operator found for each version.")]
public sealed record WasmTemplateStatus
{
    [Description("The metadata.generation this status was computed for.")]
    public long? ObservedGeneration { get; init; }

    [Description("The last value of the ic-operator.dev/reconcile-requested-at annotation the operator handled.")]
    public string? LastHandledReconcileAt { get; init; }

    [ListMap("version")]
    [Description("One entry per version in the spec, in the spec's order.")]
    public List<WasmVersionStatus> Versions { get; init; } = [];

    [Description("The highest verified version.")]
    public string? LatestVersion { get; init; }

    [ListMap("type")]
    [Description("Ready (every listed version is verified), Reconciling and Stalled, as kstatus defines them.")]
    public List<Condition> Conditions { get; init; } = [];
}
