using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace IcOperator.Api.V1Alpha1;

/// <summary>The canister whose chunk store holds each template version's chunks once for every canister of the network on its subnet.</summary>
[Description("The canister whose chunk store holds each template version's chunks once for every canister of the network on its subnet.")]
public sealed record NetworkChunkStoreStatus
{
    [MaxLength(63)]
    [Description("The subnet the chunk-store canister is on; install_chunked_code takes a store only on the target canister's subnet. Empty while the first store is created where the network chooses.")]
    public string? Subnet { get; init; }

    [Description("The chunk-store canister's id, once created.")]
    public string? CanisterId { get; init; }

    [Description("Written before the create call, so a restarted operator never blindly creates a second chunk-store canister.")]
    public PendingCreate? PendingCreate { get; init; }

    [Description("The template versions whose chunks the store holds, as the operator uploaded them. When the network's deployments no longer use one and no install is under way, the store is cleared and what is still used goes up again at its next install.")]
    public List<StoredVersion> Versions { get; init; } = [];

    [Description("SHA-256 of the upgrader module the chunk-store canister runs, once installed: its upgrade method stops, snapshots, installs from the store and starts a canister on its subnet in one call, so an upgrade costs no ingress round while the canister is down.")]
    public string? UpgraderModuleHash { get; init; }

    [Description("Written before the upgrader module is installed into the chunk-store canister: the module hash being installed. A restarted operator reads the canister's module hash before installing again.")]
    public string? PendingUpgraderModuleHash { get; init; }

    [Description("Why the chunk store is not in use, when it is not; deployments then upload into their own canister's chunk store.")]
    public string? Message { get; init; }
}
