using IcOperator.Agent.RequestIds;
using IcOperator.Agent.Responses;
using IcOperator.Agent.Transport;
using IcOperator.Api.V1Alpha1;
using IcOperator.Candid;

namespace IcOperator.Controllers.Calls;

/// <summary>
/// Makes an update call at most once across operator restarts. The request is built and signed first, its id and
/// ingress expiry are recorded (in the resource's status, beside the step it belongs to), and only then is it sent.
/// A recorded request is never sent again as a new call: its outcome is read from the IC by request id. Only a request
/// the IC still does not know after its ingress expiry, which can no longer run, is replaced by a new one.
/// </summary>
internal static class ExactlyOnceCall
{
    /// <summary>
    /// Learns the outcome of <paramref name="recorded"/> when there is one; otherwise (or when it expired without
    /// running) prepares <paramref name="call"/>, records it through <paramref name="recordAsync"/>, then sends it.
    /// The outcome's <see cref="CallOutcome.Call"/> is the request to keep in status while it is in flight.
    /// </summary>
    public static async Task<CallOutcome> RunAsync(IIcAgent agent, RecordedCall? recorded, CanisterCall call, Func<RecordedCall, CancellationToken, Task> recordAsync, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(recordAsync);
        if (recorded is not null && await ReadAsync(agent, recorded, cancellationToken) is { } known)
        {
            return known;
        }

        var prepared = agent.PrepareCall(call);
        var record = Record(prepared);
        await recordAsync(record, cancellationToken);
        try
        {
            return new CallOutcome(CallOutcomeKind.Replied, record) { Reply = await agent.SubmitAsync(prepared, cancellationToken) };
        }
        catch (IcRejectException e)
        {
            return new CallOutcome(CallOutcomeKind.Rejected, record) { Reject = e };
        }
        catch (IcCallOutcomeUnknownException)
        {
            // Recorded and maybe running: the next reconcile (of this process or a restarted one) reads its status.
            return new CallOutcome(CallOutcomeKind.InFlight, record);
        }
    }

    /// <summary>
    /// What the IC says of a recorded request, or null when it does not know it and its ingress expiry has passed by the
    /// IC's clock: it can no longer run, so a new request may be sent.
    /// </summary>
    public static async Task<CallOutcome?> ReadAsync(IIcAgent agent, RecordedCall recorded, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(recorded);
        var requestId = RequestId.Parse(recorded.RequestId);
        var read = await agent.ReadRequestStatusAsync(Principal.Parse(recorded.EffectiveCanisterId), requestId, cancellationToken);
        var status = read.Status;
        return status.Status switch
        {
            "replied" => new CallOutcome(CallOutcomeKind.Replied, recorded) { Reply = status.Reply },
            "rejected" => new CallOutcome(CallOutcomeKind.Rejected, recorded)
            {
                Reject = new IcRejectException(Principal.Parse(recorded.CanisterId), recorded.Method, status.RejectCode!.Value, status.ErrorCode, status.RejectMessage ?? string.Empty),
            },
            "done" => new CallOutcome(CallOutcomeKind.Pruned, recorded),
            RequestStatus.Unknown when read.ExpiredWithoutStatus(recorded.IngressExpiry) => null,
            _ => new CallOutcome(CallOutcomeKind.InFlight, recorded),
        };
    }

    private static RecordedCall Record(PreparedCall prepared) => new()
    {
        Method = prepared.Call.Method,
        CanisterId = prepared.Call.CanisterId.ToString(),
        EffectiveCanisterId = prepared.Call.EffectiveCanisterId.ToString(),
        RequestId = prepared.RequestId.ToString(),
        IngressExpiry = prepared.IngressExpiry,
    };
}
