namespace IcOperator.Api.V1Alpha1;

/// <summary>Every reason a CanisterDeployment's conditions can carry.</summary>
public static class CanisterDeploymentReasons
{
    public const string Progressing = "Progressing";
    public const string Deployed = "Deployed";
    public const string Observed = "Observed";
    public const string Suspended = "Suspended";
    public const string Deleting = "Deleting";
    public const string NetworkNotReady = "NetworkNotReady";
    public const string TemplateNotFound = "TemplateNotFound";
    public const string TemplateVersionMissing = "TemplateVersionMissing";
    public const string TemplateVersionNotVerified = "TemplateVersionNotVerified";
    public const string InvalidSpec = "InvalidSpec";
    public const string InvalidArgument = "InvalidArgument";
    public const string InterfaceIncompatible = "InterfaceIncompatible";
    public const string CreateOutcomeUnknown = "CreateOutcomeUnknown";
    public const string ObserveOnlyNeedsCanisterId = "ObserveOnlyNeedsCanisterId";
    public const string CanisterNotFound = "CanisterNotFound";
    public const string NotController = "NotController";
    public const string ModuleMismatch = "ModuleMismatch";
    public const string Creating = "Creating";
    public const string Installing = "Installing";
    public const string Upgrading = "Upgrading";
    public const string Verifying = "Verifying";
    public const string RollingBack = "RollingBack";
    public const string DriftDetected = "DriftDetected";
    public const string SettingsDrift = "SettingsDrift";
    public const string CanisterStopped = "CanisterStopped";
    public const string PruningSnapshots = "PruningSnapshots";
    public const string UpgradeFailed = "UpgradeFailed";
    public const string InstallRejected = "InstallRejected";
    public const string HealthCheckFailed = "HealthCheckFailed";
    public const string RolledBack = "RolledBack";
    public const string RollbackFailed = "RollbackFailed";
    public const string VersionFailed = "VersionFailed";
    public const string InvalidCall = "InvalidCall";
    public const string CallingMethod = "CallingMethod";
    public const string PostDeployCallFailed = "PostDeployCallFailed";
    public const string PreDeleteCallFailed = "PreDeleteCallFailed";
    public const string CallOutcomeUnknown = "CallOutcomeUnknown";
    public const string Restoring = "Restoring";
    public const string Restored = "Restored";
    public const string RestoreFailed = "RestoreFailed";
    public const string SnapshotNotFound = "SnapshotNotFound";
}
