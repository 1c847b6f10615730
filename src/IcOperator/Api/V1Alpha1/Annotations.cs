namespace IcOperator.Api.V1Alpha1;

/// <summary>Annotations and finalizers the operator reads or sets on its resources.</summary>
public static class Annotations
{
    /// <summary>Any new value forces a reconcile; the value is echoed in <c>status.lastHandledReconcileAt</c>.</summary>
    public const string ReconcileRequestedAt = GroupVersion.Group + "/reconcile-requested-at";

    /// <summary>Held on a CanisterDeployment until its deletion policy has been applied to the canister.</summary>
    public const string CanisterFinalizer = GroupVersion.Group + "/canister";

    /// <summary>Held on a PackageInstallation until its components are removed, in reverse order.</summary>
    public const string PackageFinalizer = GroupVersion.Group + "/package";

    /// <summary>Label on a component's CanisterDeployment: the PackageInstallation that owns it.</summary>
    public const string PackageLabel = GroupVersion.Group + "/package";

    /// <summary>Label on a component's CanisterDeployment: the component it runs.</summary>
    public const string ComponentLabel = GroupVersion.Group + "/component";

    /// <summary>On owned ConfigMaps: the WasmTemplate version whose candid:service text they hold.</summary>
    public const string TemplateVersion = GroupVersion.Group + "/template-version";
}
