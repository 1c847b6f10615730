using IcOperator.Agent.Transport;
using IcOperator.Api.V1Alpha1;

namespace IcOperator.Controllers.Calls;

/// <summary>A recorded call and what became of it: the reply, the IC's reject, or that it is still in flight.</summary>
internal sealed record CallOutcome(CallOutcomeKind Kind, RecordedCall Call)
{
    public byte[]? Reply { get; init; }

    public IcRejectException? Reject { get; init; }

    /// <summary>The reply of a call that replied; anything else is a bug in the caller's switch.</summary>
    public byte[] RequireReply() => Reply ?? throw new InvalidOperationException($"{Call.Method} request {Call.RequestId} has no reply: it is {Kind}");
}
