using IcOperator.Agent.Transport;
using IcOperator.Api.V1Alpha1;
using IcOperator.Candid;

namespace IcOperator.Controllers.Calls;

/// <summary>
/// Records the call as sent, then sends it through the agent. A record found sent but unanswered (the operator
/// stopped mid-call) is reported as Unknown rather than sent a second time.
/// </summary>
internal sealed class RecordedUpdateCallSender : IUpdateCallSender
{
    /// <summary>How much of a reply status keeps.</summary>
    private const int ReplyLength = 1024;

    public async Task<CallRecord> SendAsync(NetworkConnection network, Principal canister, CallRecord record, byte[] argument, Func<CallRecord, CancellationToken, Task> persist, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (record.SentAt is not null)
        {
            return record with
            {
                Result = CallResult.Unknown,
                FinishedAt = now,
                Message = $"{record.Method} was sent at {record.SentAt:O}, before the operator restarted, and its outcome was not recorded.",
            };
        }

        var sent = record with { SentAt = now };
        await persist(sent, cancellationToken);
        try
        {
            var reply = await network.Agent.CallAsync(canister, sent.Method!, argument, cancellationToken: cancellationToken);
            return sent with { Result = CallResult.Replied, FinishedAt = now, Message = Printed(reply) };
        }
        catch (IcRejectException e)
        {
            return sent with { Result = CallResult.Rejected, FinishedAt = now, Message = $"{e.ErrorCode ?? e.RejectCode.ToString()}: {e.RejectMessage}" };
        }
    }

    private static string Printed(byte[] reply)
    {
        string text;
        try
        {
            text = CandidDecoder.Decode(reply).ToString();
        }
        catch (CandidException)
        {
            text = Convert.ToHexStringLower(reply);
        }

        return text.Length <= ReplyLength ? text : text[..ReplyLength] + "…";
    }
}
