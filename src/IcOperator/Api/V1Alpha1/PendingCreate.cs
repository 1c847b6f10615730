using System.ComponentModel;

namespace IcOperator.Api.V1Alpha1;

/// <summary>Written before a create call, so a restarted operator never blindly creates a second canister.</summary>
[Description("Written before a create call, so a restarted operator never blindly creates a second canister.")]
public sealed record PendingCreate
{
    [Description("When the create was started.")]
    public DateTimeOffset? StartedAt { get; init; }

    [Description("The created_at_time (nanoseconds since the epoch) the cycles ledger deduplicates a retried create by.")]
    public string? CreatedAtTime { get; init; }
}
