using System.Numerics;
using IcOperator.Emulators.Ic.Rejects;

namespace IcOperator.Emulators.Ic.Wasm;

/// <summary>The answer to a call: reply bytes, or a reject with its codes; and the cycles that go back to the caller.</summary>
internal sealed record CallResponse(byte[]? Reply, IcRejectCode RejectCode, IcErrorCode? ErrorCode, string RejectMessage)
{
    public BigInteger Refund { get; init; }

    public static CallResponse Replied(byte[] reply) => new(reply, 0, null, string.Empty);

    public static CallResponse Rejected(IcRejectCode code, IcErrorCode? error, string message) => new(null, code, error, message);

    public static CallResponse Rejected(IcRejectException reject) => new(null, reject.RejectCode, reject.ErrorCode, reject.Message);
}
