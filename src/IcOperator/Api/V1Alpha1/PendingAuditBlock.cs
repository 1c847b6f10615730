using System.ComponentModel;

namespace IcOperator.Api.V1Alpha1;

/// <summary>A step announced in the audit log whose result block is not yet written.</summary>
[Description("A step announced in the audit log whose result block is not yet written.")]
public sealed record PendingAuditBlock
{
    [Description("The sequence number (idempotency key <uid>/<sequence>) of the announcing block.")]
    public long Sequence { get; init; }

    [Description("The orchestration step the block announces.")]
    public string Step { get; init; } = string.Empty;

    [Description("The announcing block's btype.")]
    public string BlockType { get; init; } = string.Empty;

    [Description("The announcing block's index once the log answered; unset while the append may be in flight.")]
    public long? BlockIndex { get; init; }
}
