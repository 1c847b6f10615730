using IcOperator.Agent.RequestIds;

namespace IcOperator.Agent.Identities;

/// <summary>The domain-separated messages the IC signs and verifies.</summary>
public static class RequestSigning
{
    /// <summary><c>"\x0Aic-request" ++ request id</c>: what a sender signs.</summary>
    public static byte[] RequestMessage(RequestId requestId) => [10, .. "ic-request"u8, .. requestId.Bytes];

    /// <summary><c>"\x0Bic-response" ++ hash</c>: what a replica node signs over a query response.</summary>
    public static byte[] ResponseMessage(ReadOnlySpan<byte> responseHash) => [11, .. "ic-response"u8, .. responseHash];

    /// <summary>The sender's signature of a request id, or null for the anonymous identity.</summary>
    public static byte[]? SignRequest(this IIdentity identity, RequestId requestId)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return identity.Sign(RequestMessage(requestId));
    }
}
