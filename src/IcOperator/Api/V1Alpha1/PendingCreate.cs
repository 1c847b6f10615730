using System.ComponentModel;

namespace IcOperator.Api.V1Alpha1;

/// <summary>Written before a create call, so a restarted operator learns what the create did instead of creating blindly again.</summary>
[Description("Written before a create call, so a restarted operator learns what the create did instead of creating blindly again.")]
public sealed record PendingCreate
{
    [Description("When the create was started.")]
    public DateTimeOffset? StartedAt { get; init; }

    [Description("The created_at_time (nanoseconds since the epoch) the cycles ledger deduplicates a retried create by.")]
    public string? CreatedAtTime { get; init; }

    [Description("The cycles the first attempt sent through the cycles ledger. A retry sends the same amount: the ledger deduplicates a create by amount and created_at_time, so the amount the spec asks for now would be a second create.")]
    public string? Cycles { get; init; }

    [Description("The canister id chosen before the first attempt (provisional creation with specified_id): if a canister with this id exists and the operator controls it, the create happened.")]
    public string? SpecifiedId { get; init; }

    [Description("The create request in flight; its outcome is read from the IC by request id after a restart.")]
    public RecordedCall? Call { get; init; }
}
