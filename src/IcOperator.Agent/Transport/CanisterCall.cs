using IcOperator.Candid;

namespace IcOperator.Agent.Transport;

/// <summary>
/// An update call as data: which canister, which method, the Candid argument and the canister id that routes it
/// (the target canister for management canister calls).
/// </summary>
public sealed record CanisterCall(Principal CanisterId, string Method, byte[] Arg, Principal EffectiveCanisterId)
{
    public CanisterCall(Principal canisterId, string method, byte[] arg)
        : this(canisterId, method, arg, canisterId)
    {
    }
}
