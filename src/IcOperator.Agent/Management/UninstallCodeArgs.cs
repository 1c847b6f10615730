using IcOperator.Candid;

namespace IcOperator.Agent.Management;

/// <summary>Argument of <c>uninstall_code</c>.</summary>
public sealed record UninstallCodeArgs(Principal CanisterId, ulong? SenderCanisterVersion);
