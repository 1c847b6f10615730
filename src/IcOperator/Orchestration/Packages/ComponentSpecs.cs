using System.Text.Json;
using IcOperator.Api;
using IcOperator.Api.V1Alpha1;

namespace IcOperator.Orchestration.Packages;

/// <summary>The CanisterDeployment a component becomes: its template, its argument with the facts substituted, its init and deinit calls.</summary>
internal static class ComponentSpecs
{
    /// <summary>The post-deploy call a component's init becomes.</summary>
    public const string InitCall = "init";

    /// <summary>The pre-delete call a component's deinit becomes.</summary>
    public const string DeinitCall = "deinit";

    /// <summary>The name of a component's CanisterDeployment.</summary>
    public static string DeploymentName(string package, string component) => $"{package}-{component}";

    public static CanisterDeploymentSpec Render(PackageInstallationSpec package, PackageComponent component, PackageFacts facts) => new()
    {
        NetworkRef = package.NetworkRef,
        Template = component.Template,
        Install = new InstallOptions { Arg = component.Arg is null ? null : Placeholders.Substitute(component.Arg, facts) },
        // An atomic package relies on each component snapshotting before its upgrade and rolling itself back.
        Upgrade = new UpgradePolicy { Snapshot = true, RollbackOnFailure = true, Retries = 0, HealthCheck = component.HealthCheck },
        PostDeploy = component.Init is { } init
            ? [new PostDeployCall { Name = InitCall, Method = init.Method, Arg = Placeholders.Substitute(init.Arg, facts), When = CallTrigger.Install }]
            : null,
        PreDelete = component.Deinit is { } deinit
            ? [new PreDeleteCall { Name = DeinitCall, Method = deinit.Method, Arg = Placeholders.Substitute(deinit.Arg, facts) }]
            : null,
        DeletionPolicy = package.DeletionPolicy,
    };

    /// <summary>Whether the child differs from what the package wants in anything but the version (an upgrade) and a restore request.</summary>
    public static bool Differs(CanisterDeploymentSpec wanted, CanisterDeploymentSpec actual) =>
        Comparable(wanted) != Comparable(actual with { Template = actual.Template with { Version = wanted.Template.Version }, Restore = null });

    private static string Comparable(CanisterDeploymentSpec spec) =>
        JsonSerializer.Serialize(
            new CanisterDeploymentSpec
            {
                NetworkRef = spec.NetworkRef,
                Template = spec.Template,
                Install = spec.Install,
                PostDeploy = spec.PostDeploy,
                PreDelete = spec.PreDelete,
                DeletionPolicy = spec.DeletionPolicy,
                Upgrade = new UpgradePolicy { Snapshot = spec.Upgrade.Snapshot, RollbackOnFailure = spec.Upgrade.RollbackOnFailure, Retries = spec.Upgrade.Retries, HealthCheck = spec.Upgrade.HealthCheck },
            },
            OperatorJsonContext.Default.CanisterDeploymentSpec);
}
