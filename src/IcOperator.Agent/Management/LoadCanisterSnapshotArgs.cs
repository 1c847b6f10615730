using IcOperator.Candid;

namespace IcOperator.Agent.Management;

/// <summary>Argument of <c>load_canister_snapshot</c>.</summary>
public sealed record LoadCanisterSnapshotArgs(Principal CanisterId, byte[] SnapshotId, ulong? SenderCanisterVersion);
