using System.ComponentModel;

namespace IcOperator.Api.V1Alpha1;

/// <summary>A step announced in the audit log whose result block is not yet written.</summary>
[Description("A step announced in the audit log whose result block is not yet written.")]
public sealed record PendingAuditBlock
{
    [Description("The sequence number (idempotency key <uid>/<sequence>) of the announcing block; further blocks announced with it take the next ones.")]
    public long Sequence { get; init; }

    [Description("The orchestration step the block announces.")]
    public string Step { get; init; } = string.Empty;

    [Description("The announcing block's btype.")]
    public string BlockType { get; init; } = string.Empty;

    [Description("The btypes of the blocks announced after the first, in order, for a step that runs several changes in one call (the upgrader's stop, snapshot and start).")]
    public IReadOnlyList<string> AlsoAnnounced { get; init; } = [];

    [Description("The index of the last announcing block once the log answered; unset while the appends may be in flight.")]
    public long? BlockIndex { get; init; }
}
