using IcOperator.Agent.Management;
using IcOperator.Agent.Transport;
using IcOperator.Api.V1Alpha1;
using IcOperator.Candid;

namespace IcOperator.Controllers;

/// <summary>An authenticated connection to one IcNetwork: the agent, the management canister and who the operator is there.</summary>
internal sealed record NetworkConnection(IIcAgent Agent, IManagementCanister Management, string OperatorPrincipal, CyclesSource CyclesSource)
{
    /// <summary>The canister ranges creates choose ids in, read once per subnet and shared by the copies of this connection.</summary>
    public HostingSubnets HostingSubnets { get; init; } = new();

    /// <summary>The chunk store an install uses: the one on the target canister's subnet, set per deployment from <see cref="ChunkStores"/>.</summary>
    public NetworkChunkStore? ChunkStore { get; init; }

    /// <summary>
    /// The upgrader a step of this deployment uses and keeps among its canister's controllers: the chunk-store canister on
    /// its subnet when that runs the operator's upgrader; set per deployment from <see cref="Upgraders"/>.
    /// </summary>
    public Principal? Upgrader { get; init; }

    /// <summary>The network's chunk-store canisters that run the operator's current upgrader module, by subnet.</summary>
    public IReadOnlyDictionary<string, Principal> Upgraders { get; init; } = new Dictionary<string, Principal>(StringComparer.Ordinal);

    /// <summary>The network's chunk-store canisters by subnet, when spec.sharedChunkStore is on.</summary>
    public IReadOnlyDictionary<string, NetworkChunkStore> ChunkStores { get; init; } = new Dictionary<string, NetworkChunkStore>(StringComparer.Ordinal);

    /// <summary>Subnets whose store could not be created (status says why; empty: the first store's): installs there go without a store rather than wait.</summary>
    public IReadOnlySet<string> FailedChunkStores { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Whether an install on <paramref name="subnet"/> waits for the network to create the store there.</summary>
    public bool AwaitsChunkStore(string subnet) =>
        SharedChunkStore && !ChunkStores.ContainsKey(subnet) && !FailedChunkStores.Contains(subnet) && !FailedChunkStores.Contains(string.Empty);

    /// <summary>Whether installs go through a store on the target's subnet (spec.sharedChunkStore).</summary>
    public bool SharedChunkStore { get; init; }

    /// <summary>Chunks of one module uploaded at once: the network's bound on calls in flight.</summary>
    public int ParallelUploads { get; init; } = ChunkedInstaller.DefaultParallelUploads;
}
