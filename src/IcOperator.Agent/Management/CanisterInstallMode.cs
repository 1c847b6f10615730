namespace IcOperator.Agent.Management;

/// <summary><c>variant { install; reinstall; upgrade : opt record { skip_pre_upgrade; wasm_memory_persistence } }</c>.</summary>
public abstract record CanisterInstallMode
{
    private protected CanisterInstallMode()
    {
    }

    public static CanisterInstallMode InstallMode { get; } = new Install();

    public static CanisterInstallMode ReinstallMode { get; } = new Reinstall();

    public static CanisterInstallMode UpgradeMode(bool? skipPreUpgrade = null, WasmMemoryPersistence? persistence = null) =>
        new Upgrade(skipPreUpgrade is null && persistence is null ? null : new UpgradeOptions(skipPreUpgrade, persistence));

    public sealed record Install : CanisterInstallMode;

    public sealed record Reinstall : CanisterInstallMode;

    public sealed record Upgrade(UpgradeOptions? Value) : CanisterInstallMode;
}
