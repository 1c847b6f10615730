namespace IcOperator.Api.V1Alpha1;

/// <summary>Every reason a PackageInstallation's conditions can carry.</summary>
public static class PackageInstallationReasons
{
    public const string Installed = "Installed";
    public const string Installing = "Installing";
    public const string Upgrading = "Upgrading";
    public const string RollingBack = "RollingBack";
    public const string Deleting = "Deleting";
    public const string InvalidSpec = "InvalidSpec";
    public const string InvalidUser = "InvalidUser";
    public const string InvalidPlaceholder = "InvalidPlaceholder";
    public const string InvalidArgument = "InvalidArgument";
    public const string DependencyCycle = "DependencyCycle";
    public const string DependencyNotFound = "DependencyNotFound";
    public const string DependencyNotReady = "DependencyNotReady";
    public const string NetworkNotReady = "NetworkNotReady";
    public const string TemplateNotFound = "TemplateNotFound";
    public const string TemplateVersionMissing = "TemplateVersionMissing";
    public const string TemplateVersionNotVerified = "TemplateVersionNotVerified";
    public const string ComponentNotReady = "ComponentNotReady";
    public const string ComponentFailed = "ComponentFailed";
    public const string ComponentMissing = "ComponentMissing";
    public const string UpgradeFailed = "UpgradeFailed";
    public const string VersionsFailed = "VersionsFailed";
}
