using System.ComponentModel;

namespace IcOperator.Api.V1Alpha1;

/// <summary>What this deployment wrote to its network's audit log, and the block it is about to write.</summary>
[Description("What this deployment wrote to its network's audit log, and the block it is about to write.")]
public sealed record AuditTrailStatus
{
    [Description("The log canister the blocks went to.")]
    public string? LogCanisterId { get; init; }

    [Description("How many blocks this deployment has appended; the next block's idempotency key is <uid>/<sequence>.")]
    public long Sequence { get; init; }

    [Description("The index in the log of the last block this deployment appended.")]
    public long? LastBlockIndex { get; init; }

    [Description("Written before a block is appended and kept until the step it announces has its result block: a restarted operator neither loses nor repeats a block.")]
    public PendingAuditBlock? Pending { get; init; }
}
