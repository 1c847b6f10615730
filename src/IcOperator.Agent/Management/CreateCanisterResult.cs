using IcOperator.Candid;

namespace IcOperator.Agent.Management;

/// <summary>Result of <c>create_canister</c> and <c>provisional_create_canister_with_cycles</c>.</summary>
public sealed record CreateCanisterResult(Principal CanisterId);
