using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using IcOperator.Api.Schema;

namespace IcOperator.Api.V1Alpha1;

/// <summary>A one-off request to load a snapshot into the canister (stop, load, start).</summary>
[Description("A one-off request to load a snapshot into the canister (stop, load, start). It runs once per requestedAt value; status.lastHandledRestoreAt echoes the value when done.")]
public sealed record RestoreRequest
{
    [Required]
    [MaxLength(128)]
    [RegularExpression(SchemaPatterns.Hex)]
    [Description("The snapshot to load, in hex, as status.snapshots or list_canister_snapshots name it.")]
    public string SnapshotId { get; init; } = string.Empty;

    [Required]
    [MinLength(1)]
    [MaxLength(128)]
    [Description("Any value not handled before (a timestamp is customary); a new value asks for another restore.")]
    public string RequestedAt { get; init; } = string.Empty;
}
