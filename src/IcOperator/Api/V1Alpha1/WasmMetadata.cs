using System.ComponentModel;
using IcOperator.Api.Schema;

namespace IcOperator.Api.V1Alpha1;

/// <summary>The module's metadata sections that people and the operator read.</summary>
[Description("The module's metadata sections that people and the operator read.")]
public sealed record WasmMetadata
{
    [Description("The cdk:name section: which canister development kit built the module.")]
    public string? CdkName { get; init; }

    [Description("The first 4 KiB of the candid:service section; the full text is in the ConfigMap named by candidServiceRef.")]
    public string? CandidService { get; init; }

    [Description("The ConfigMap (owned by the template) holding the full candid:service text under the key candid.did.")]
    public LocalObjectReference? CandidServiceRef { get; init; }

    [Description("The candid:args section: the init argument types.")]
    public string? CandidArgs { get; init; }

    [Description("Whether the module declares enhanced orthogonal persistence; upgrades then default to wasmMemoryPersistence: keep.")]
    public bool? EnhancedOrthogonalPersistence { get; init; }

    [PreserveUnknownFields]
    [Description("The dfx section's JSON, as the module holds it (for example pullable: wasm_url, wasm_hash, dependencies, init_arg).")]
    public System.Text.Json.Nodes.JsonObject? Dfx { get; init; }

    [Description("Every custom section: name, visibility and size.")]
    public List<WasmSectionInfo>? Sections { get; init; }
}
