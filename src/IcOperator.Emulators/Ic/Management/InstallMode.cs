namespace IcOperator.Emulators.Ic.Management;

/// <summary><c>canister_install_mode</c>: install only into an empty canister, reinstall wiping state, upgrade keeping it.</summary>
public enum InstallMode
{
    Install,
    Reinstall,
    Upgrade,
}
