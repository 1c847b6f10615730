using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace IcOperator.Api.V1Alpha1;

/// <summary>A package upgrade: the components it changes and how far each got, recorded before each step.</summary>
[Description("A package upgrade: the components it changes and how far each got, recorded before each step.")]
public sealed record PackageOperation
{
    [Required]
    [Description("Names this upgrade; restore requests sent to components carry it.")]
    public string Id { get; init; } = string.Empty;

    [Description("The package generation the upgrade was started for.")]
    public long Generation { get; init; }

    [Description("When the upgrade started.")]
    public DateTimeOffset? StartedAt { get; init; }

    [Description("When the upgrade finished; unset while it runs.")]
    public DateTimeOffset? FinishedAt { get; init; }

    [Description("Succeeded or Failed (every component upgraded in it was restored); unset while it runs.")]
    public OperationResult? Result { get; init; }

    [Description("What happened, for people.")]
    public string? Message { get; init; }

    [Description("The components whose version changes, in install order.")]
    public List<ComponentOperation> Components { get; init; } = [];
}
