using IcOperator.Agent.Transport;
using IcOperator.Api.V1Alpha1;
using IcOperator.Candid;

namespace IcOperator.Controllers.Calls;

/// <summary>
/// Post-deploy and pre-delete calls through <see cref="ExactlyOnceCall"/>: the request id and ingress expiry are in
/// status before the call leaves, and a restarted operator reads that request's status instead of calling again.
/// </summary>
internal sealed class ExactlyOnceUpdateCallSender : IUpdateCallSender
{
    /// <summary>How much of a reply status keeps.</summary>
    private const int ReplyLength = 1024;

    public async Task<CallRecord> SendAsync(NetworkConnection network, Principal canister, CallRecord record, byte[] argument, Func<CallRecord, CancellationToken, Task> persist, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (record.SentAt is not null && record.RequestId is null)
        {
            return record with { Result = CallResult.Unknown, FinishedAt = now, Message = $"{record.Method} was sent at {record.SentAt:O} without a recorded request id; its outcome cannot be read." };
        }

        var recorded = record.RequestId is { } id
            ? new RecordedCall { Method = record.Method!, CanisterId = canister.ToString(), EffectiveCanisterId = canister.ToString(), RequestId = id, IngressExpiry = record.IngressExpiry ?? now }
            : null;
        var sent = record;
        var outcome = await ExactlyOnceCall.RunAsync(
            network.Agent,
            recorded,
            new CanisterCall(canister, record.Method!, argument),
            async (call, ct) =>
            {
                sent = record with { RequestId = call.RequestId, IngressExpiry = call.IngressExpiry, SentAt = now };
                await persist(sent, ct);
            },
            cancellationToken);
        sent = sent with { RequestId = outcome.Call.RequestId, IngressExpiry = outcome.Call.IngressExpiry, SentAt = sent.SentAt ?? now };
        return outcome.Kind switch
        {
            CallOutcomeKind.Replied => sent with { Result = CallResult.Replied, FinishedAt = now, Message = Printed(outcome.RequireReply()) },
            CallOutcomeKind.Rejected => sent with { Result = CallResult.Rejected, FinishedAt = now, Message = $"{outcome.Reject!.ErrorCode ?? outcome.Reject.RejectCode.ToString()}: {outcome.Reject.RejectMessage}" },
            CallOutcomeKind.Pruned => sent with { Result = CallResult.Unknown, FinishedAt = now, Message = $"{record.Method} ran, but the IC no longer keeps its reply (request {outcome.Call.RequestId})." },
            // Still in flight: the record keeps its request id and the next reconcile reads its status.
            _ => sent,
        };
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
