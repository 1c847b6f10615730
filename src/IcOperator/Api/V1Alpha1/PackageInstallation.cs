using System.ComponentModel;
using IcOperator.Api.Schema;

namespace IcOperator.Api.V1Alpha1;

/// <summary>A package: several canisters installed in order for a user.</summary>
[KubernetesEntity(GroupVersion.Group, GroupVersion.Version, "PackageInstallation", "packageinstallations")]
[ShortNames("pkgi")]
[Categories(GroupVersion.Category)]
[PrinterColumn(1, "USER", "string", ".spec.user")]
[PrinterColumn(2, "READY", "string", ".status.ready", Description = "Components Ready out of components declared.")]
[PrinterColumn(3, "PHASE", "string", ".status.phase")]
[PrinterColumn(4, "AGE", "date", ".metadata.creationTimestamp")]
[Description("A package: several canisters (components) installed in order for a user, each as a CanisterDeployment it owns.")]
public sealed class PackageInstallation : CustomResource<PackageInstallationSpec, PackageInstallationStatus>;
