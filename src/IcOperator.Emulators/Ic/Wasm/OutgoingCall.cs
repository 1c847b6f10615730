using System.Numerics;
using IcOperator.Candid;

namespace IcOperator.Emulators.Ic.Wasm;

/// <summary>A call a canister builds with <c>ic0.call_new</c> … <c>call_perform</c>, with the callbacks its response runs.</summary>
internal sealed class OutgoingCall(Principal caller, CallContext callerContext, Principal callee, string method)
{
    public Principal Caller { get; } = caller;

    public CallContext CallerContext { get; } = callerContext;

    public Principal Callee { get; } = callee;

    public string Method { get; } = method;

    public MemoryStream Arg { get; } = new();

    public BigInteger Cycles { get; set; }

    public long ReplyFunction { get; init; }

    public long ReplyEnvironment { get; init; }

    public long RejectFunction { get; init; }

    public long RejectEnvironment { get; init; }

    public (long Function, long Environment)? Cleanup { get; set; }

    public bool BestEffort { get; set; }
}
