using IcOperator.Candid;

namespace IcOperator.Agent.Management;

/// <summary>Argument of <c>update_settings</c>.</summary>
public sealed record UpdateSettingsArgs(Principal CanisterId, CanisterSettings Settings, ulong? SenderCanisterVersion);
