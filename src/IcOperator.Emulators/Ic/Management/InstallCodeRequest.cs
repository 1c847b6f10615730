using IcOperator.Candid;

namespace IcOperator.Emulators.Ic.Management;

/// <summary>What <c>install_code</c> (or <c>install_chunked_code</c>, once its chunks are joined) installs.</summary>
internal sealed record InstallCodeRequest(Principal CanisterId, InstallMode Mode, UpgradeOptions? Upgrade, byte[] Module, byte[] Arg);
