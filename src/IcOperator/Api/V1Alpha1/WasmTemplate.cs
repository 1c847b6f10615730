using System.ComponentModel;
using IcOperator.Api.Schema;

namespace IcOperator.Api.V1Alpha1;

/// <summary>A catalog of versions of one canister Wasm module.</summary>
[KubernetesEntity(GroupVersion.Group, GroupVersion.Version, "WasmTemplate", "wasmtemplates")]
[ShortNames("wt")]
[Categories(GroupVersion.Category)]
[PrinterColumn(1, "LATEST", "string", ".status.latestVersion", Description = "The highest verified version.")]
[PrinterColumn(2, "DESCRIPTION", "string", ".spec.description", Priority = 1)]
[PrinterColumn(3, "READY", "string", ".status.conditions[?(@.type==\"Ready\")].status")]
[PrinterColumn(4, "AGE", "date", ".metadata.creationTimestamp")]
[Description("A catalog of versions of one canister Wasm module, each fetched, verified against its sha256 and parsed.")]
public sealed class WasmTemplate : CustomResource<WasmTemplateSpec, WasmTemplateStatus>;
