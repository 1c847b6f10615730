using IcOperator.Candid;

namespace IcOperator.Agent.Management;

/// <summary>Argument of <c>install_code</c>.</summary>
public sealed record InstallCodeArgs(CanisterInstallMode Mode, Principal CanisterId, byte[] WasmModule, byte[] Arg, ulong? SenderCanisterVersion);
