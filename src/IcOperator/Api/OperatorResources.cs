using IcOperator.Api.V1Alpha1;
using IcOperator.Kube.Resources;

namespace IcOperator.Api;

/// <summary>Where the operator's kinds are served, for the Kubernetes client.</summary>
public static class OperatorResources
{
    public static KubeResource<IcNetwork> IcNetworks { get; } =
        new(GroupVersion.Group, GroupVersion.Version, "icnetworks", "IcNetwork", namespaced: true, OperatorJsonContext.Default.IcNetwork);

    public static KubeResource<WasmTemplate> WasmTemplates { get; } =
        new(GroupVersion.Group, GroupVersion.Version, "wasmtemplates", "WasmTemplate", namespaced: true, OperatorJsonContext.Default.WasmTemplate);

    public static KubeResource<CanisterDeployment> CanisterDeployments { get; } =
        new(GroupVersion.Group, GroupVersion.Version, "canisterdeployments", "CanisterDeployment", namespaced: true, OperatorJsonContext.Default.CanisterDeployment);

    public static KubeResource<PackageInstallation> PackageInstallations { get; } =
        new(GroupVersion.Group, GroupVersion.Version, "packageinstallations", "PackageInstallation", namespaced: true, OperatorJsonContext.Default.PackageInstallation);
}
