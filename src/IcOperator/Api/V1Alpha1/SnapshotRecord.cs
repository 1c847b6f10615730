using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace IcOperator.Api.V1Alpha1;

/// <summary>A canister snapshot the operator took.</summary>
[Description("A canister snapshot the operator took.")]
public sealed record SnapshotRecord
{
    [Required]
    [Description("The snapshot id, in hex.")]
    public string Id { get; init; } = string.Empty;

    [Description("When the snapshot was taken.")]
    public DateTimeOffset? TakenAt { get; init; }

    [Description("The template version the canister ran when the snapshot was taken.")]
    public string? Version { get; init; }

    [Description("The module hash the canister ran when the snapshot was taken.")]
    public string? ModuleHash { get; init; }
}
