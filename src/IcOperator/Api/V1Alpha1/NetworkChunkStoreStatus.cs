using System.ComponentModel;

namespace IcOperator.Api.V1Alpha1;

/// <summary>The canister whose chunk store holds each template version's chunks once for every canister installed on this network.</summary>
[Description("The canister whose chunk store holds each template version's chunks once for every canister installed on this network.")]
public sealed record NetworkChunkStoreStatus
{
    [Description("The chunk-store canister's id, once created.")]
    public string? CanisterId { get; init; }

    [Description("Written before the create call, so a restarted operator never blindly creates a second chunk-store canister.")]
    public PendingCreate? PendingCreate { get; init; }

    [Description("Why the chunk store is not in use, when it is not; deployments then upload into their own canister's chunk store.")]
    public string? Message { get; init; }
}
