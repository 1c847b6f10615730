using System.ComponentModel;
using IcOperator.Api.Schema;

namespace IcOperator.Api.V1Alpha1;

/// <summary>One canister running a given template version.</summary>
[KubernetesEntity(GroupVersion.Group, GroupVersion.Version, "CanisterDeployment", "canisterdeployments")]
[ShortNames("cdep")]
[Categories(GroupVersion.Category)]
[PrinterColumn(1, "TEMPLATE", "string", ".spec.template.name")]
[PrinterColumn(2, "VERSION", "string", ".status.version", Description = "The template version now running.")]
[PrinterColumn(3, "CANISTER", "string", ".status.canisterId")]
[PrinterColumn(4, "PHASE", "string", ".status.phase")]
[PrinterColumn(5, "READY", "string", ".status.conditions[?(@.type==\"Ready\")].status")]
[PrinterColumn(6, "AGE", "date", ".metadata.creationTimestamp")]
[PrinterColumn(7, "WANTED", "string", ".spec.template.version", Priority = 1, Description = "The template version the spec asks for.")]
[PrinterColumn(8, "CYCLES", "string", ".status.cycles", Priority = 1)]
[Description("One canister running a given template version, with its install argument, settings, upgrade and deletion policies.")]
public sealed class CanisterDeployment : CustomResource<CanisterDeploymentSpec, CanisterDeploymentStatus>;
