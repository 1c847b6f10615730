using System.Numerics;
using IcOperator.Candid;

namespace IcOperator.Agent.Management;

/// <summary>Argument of <c>provisional_top_up_canister</c>.</summary>
public sealed record ProvisionalTopUpCanisterArgs(Principal CanisterId, BigInteger Amount);
