using IcOperator.Candid;

namespace IcOperator.Agent.Management;

/// <summary>Argument of <c>delete_canister_snapshot</c>.</summary>
public sealed record DeleteCanisterSnapshotArgs(Principal CanisterId, byte[] SnapshotId);
