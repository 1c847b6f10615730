using System.Numerics;
using IcOperator.Candid;

namespace IcOperator.Emulators.Ic.Wasm;

/// <summary>
/// A call being answered by a canister: who called, the cycles still attached, whether it has been answered and how
/// many calls the canister made from it still await their response. It is answered exactly once.
/// </summary>
internal sealed class CallContext(Principal canister, Principal caller, string method, BigInteger attachedCycles, OutgoingCall? origin)
{
    public Principal Canister { get; } = canister;

    public Principal Caller { get; } = caller;

    public string Method { get; } = method;

    /// <summary>The call that opened this context, or null for an ingress message.</summary>
    public OutgoingCall? Origin { get; } = origin;

    public BigInteger AvailableCycles { get; set; } = attachedCycles;

    public int OutstandingCalls { get; set; }

    public CallResponse? Response { get; set; }
}
