using IcOperator.Agent.Management;
using IcOperator.Agent.Transport;
using IcOperator.Api.V1Alpha1;

namespace IcOperator.Controllers;

/// <summary>An authenticated connection to one IcNetwork: the agent, the management canister and who the operator is there.</summary>
internal sealed record NetworkConnection(IIcAgent Agent, IManagementCanister Management, string OperatorPrincipal, CyclesSource CyclesSource)
{
    /// <summary>The network's shared chunk-store canister, once the network has one.</summary>
    public NetworkChunkStore? ChunkStore { get; init; }

    /// <summary>Chunks of one module uploaded at once: the network's bound on calls in flight.</summary>
    public int ParallelUploads { get; init; } = ChunkedInstaller.DefaultParallelUploads;
}
