using IcOperator.Emulators.Ic.Rejects;

namespace IcOperator.Emulators.Ic.Execution;

/// <summary>How a call ended: a reply (Candid bytes) or a reject with its codes.</summary>
internal sealed record CallOutcome(byte[]? Reply, IcRejectCode RejectCode, IcErrorCode? ErrorCode, string RejectMessage)
{
    public bool IsReply => Reply is not null;

    public static CallOutcome Replied(byte[] reply) => new(reply, 0, null, string.Empty);

    public static CallOutcome Rejected(IcRejectException reject) => new(null, reject.RejectCode, reject.ErrorCode, reject.Message);
}
