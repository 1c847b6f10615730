namespace IcOperator.Candid.Tests.Typed;

public abstract record CanisterInstallMode
{
    public sealed record Install : CanisterInstallMode;

    public sealed record Reinstall : CanisterInstallMode;

    public sealed record Upgrade(UpgradeOptions? Value) : CanisterInstallMode;
}
