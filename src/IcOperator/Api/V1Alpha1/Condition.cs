using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using IcOperator.Api.Schema;

namespace IcOperator.Api.V1Alpha1;

/// <summary>One aspect of a resource's state, shaped like metav1.Condition so kstatus, Flux and Argo CD read it.</summary>
[Description("One aspect of the resource's current state.")]
public sealed record Condition
{
    [Required]
    [MaxLength(316)]
    [RegularExpression(SchemaPatterns.ConditionType)]
    [Description("Type of the condition: Ready (the summary), Reconciling (work under way) or Stalled (will not retry until the spec changes).")]
    public required string Type { get; init; }

    [Required]
    [Description("Whether the condition holds: True, False or Unknown.")]
    public required ConditionStatus Status { get; init; }

    [Range(0, long.MaxValue)]
    [Description("The metadata.generation the condition was computed for; a condition older than the generation is stale.")]
    public long? ObservedGeneration { get; init; }

    [Required]
    [Description("When the condition last changed from one status to another.")]
    public required DateTimeOffset LastTransitionTime { get; init; }

    [Required]
    [MinLength(1)]
    [MaxLength(1024)]
    [RegularExpression(SchemaPatterns.ConditionReason)]
    [Description("A CamelCase reason for the condition's last transition, for programs to match on.")]
    public required string Reason { get; init; }

    [Required]
    [MaxLength(32768)]
    [Description("A sentence a person can act on, describing the transition.")]
    public required string Message { get; init; }
}
