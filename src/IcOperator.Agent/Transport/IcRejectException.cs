using IcOperator.Agent.Responses;
using IcOperator.Candid;

namespace IcOperator.Agent.Transport;

/// <summary>The IC or the canister rejected a call or query; carries the reject code, error code (IC0503 …) and message.</summary>
public sealed class IcRejectException(Principal canisterId, string method, RejectCode rejectCode, string? errorCode, string rejectMessage)
    : Exception($"{method} on canister {canisterId} was rejected: {rejectCode} ({(int)rejectCode}){(errorCode is null ? string.Empty : " " + errorCode)}: {rejectMessage}")
{
    public Principal CanisterId { get; } = canisterId;

    public string Method { get; } = method;

    public RejectCode RejectCode { get; } = rejectCode;

    public string? ErrorCode { get; } = errorCode;

    public string RejectMessage { get; } = rejectMessage;
}
