using IcOperator.Candid;

namespace IcOperator.Agent.Management;

/// <summary><c>record { canister_id : principal }</c>: the argument of most management methods.</summary>
public sealed record CanisterIdRecord(Principal CanisterId);
