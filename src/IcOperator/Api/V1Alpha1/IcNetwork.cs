using System.ComponentModel;
using IcOperator.Api.Schema;

namespace IcOperator.Api.V1Alpha1;

/// <summary>An Internet Computer network the operator deploys to, and the identity it signs with there.</summary>
[KubernetesEntity(GroupVersion.Group, GroupVersion.Version, "IcNetwork", "icnetworks")]
[ShortNames("icnet")]
[Categories(GroupVersion.Category)]
[PrinterColumn(1, "URL", "string", ".spec.url", Description = "The network's HTTP endpoint.")]
[PrinterColumn(2, "PRINCIPAL", "string", ".status.principal", Description = "The operator's principal on this network.")]
[PrinterColumn(3, "HEALTH", "string", ".status.replicaHealth", Description = "The replica's health as /api/v2/status reports it.")]
[PrinterColumn(4, "READY", "string", ".status.conditions[?(@.type==\"Ready\")].status")]
[PrinterColumn(5, "AGE", "date", ".metadata.creationTimestamp")]
[Description("An Internet Computer network: where it is, how to trust it, and which identity the operator signs with.")]
public sealed class IcNetwork : CustomResource<IcNetworkSpec, IcNetworkStatus>;
