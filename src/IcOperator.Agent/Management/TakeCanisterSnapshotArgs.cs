using IcOperator.Candid;

namespace IcOperator.Agent.Management;

/// <summary>Argument of <c>take_canister_snapshot</c>; <c>replace_snapshot</c> swaps an existing snapshot atomically.</summary>
public sealed record TakeCanisterSnapshotArgs(Principal CanisterId, byte[]? ReplaceSnapshot, bool? UninstallCode, ulong? SenderCanisterVersion);
