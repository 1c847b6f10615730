using IcOperator.Agent.RequestIds;
using IcOperator.Agent.Requests;
using IcOperator.Candid;

namespace IcOperator.Emulators.Ic.Http;

/// <summary>An envelope that passed every check: its content, request id and authenticated sender.</summary>
internal sealed record AuthenticatedRequest(RequestContent Content, RequestId RequestId, Principal Sender);
