using System.Buffers;
using IcOperator.Agent.RequestIds;

namespace IcOperator.Agent.Transport;

/// <summary>
/// An update call built and signed but not yet sent. Its request id and ingress expiry are known before it leaves,
/// so a caller can record them first and, after a crash, ask the IC what became of exactly this request.
/// </summary>
public sealed record PreparedCall
{
    public required CanisterCall Call { get; init; }

    public required RequestId RequestId { get; init; }

    /// <summary>After this instant the IC no longer accepts the request: if it has not run by then, it never will.</summary>
    public required DateTimeOffset IngressExpiry { get; init; }

    /// <summary>
    /// The signed CBOR envelope; resending these bytes can never run the call twice. A large argument is one of its
    /// segments, shared with the call rather than copied.
    /// </summary>
    public required ReadOnlySequence<byte> Envelope { get; init; }
}
