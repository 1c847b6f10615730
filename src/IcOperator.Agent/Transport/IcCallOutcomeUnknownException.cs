using IcOperator.Agent.RequestIds;
using IcOperator.Candid;

namespace IcOperator.Agent.Transport;

/// <summary>
/// An update call whose result could not be learnt in time. It may still execute until its ingress expiry; callers
/// must observe state before sending it again rather than retry blindly.
/// </summary>
public sealed class IcCallOutcomeUnknownException(Principal canisterId, string method, RequestId requestId, DateTimeOffset ingressExpiry, string reason, Exception? inner = null)
    : Exception($"{method} on canister {canisterId} (request {requestId}): outcome unknown, {reason}; it can still execute until {ingressExpiry:O}", inner)
{
    public RequestId RequestId { get; } = requestId;

    public DateTimeOffset IngressExpiry { get; } = ingressExpiry;
}
