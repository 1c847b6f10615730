using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using IcOperator.Agent.Bls;
using IcOperator.Agent.Management;
using IcOperator.Agent.Transport;
using IcOperator.Api.V1Alpha1;
using IcOperator.Candid;
using IcOperator.Kube.Client;
using IcOperator.Kube.Resources;
using IcOperator.Orchestration.Quantities;
using k8s.Models;

namespace IcOperator.Controllers;

/// <summary>
/// One agent per IcNetwork, rebuilt when the network's spec or its identity Secret changes. The identity
/// lives only inside the agent.
/// </summary>
internal sealed class NetworkConnections(IKubeClient client, IReferencedObjects? references = null) : IDisposable
{
    private readonly IReferencedObjects references = references ?? new LiveReferences(client);
    private readonly ConcurrentDictionary<string, (string Version, NetworkConnection Connection)> connections = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string Version, NetworkChunkStore Store)> stores = new(StringComparer.Ordinal);

    /// <summary>The connection of a Ready network (with its chunk stores, once it has them), or null with the reason the network cannot be used yet.</summary>
    public async Task<(NetworkConnection? Connection, string Problem)> GetAsync(IcNetwork network, CancellationToken cancellationToken)
    {
        if (Orchestration.Conditions.Find(network.Status?.Conditions, ConditionTypes.Ready) is not { Status: ConditionStatus.True })
        {
            return (null, Orchestration.Conditions.Find(network.Status?.Conditions, ConditionTypes.Ready)?.Message ?? "it has not been checked yet");
        }

        var (connection, problem) = await ConnectAsync(network, cancellationToken);
        if (connection is null || !network.Spec.SharedChunkStore)
        {
            return (connection, problem);
        }

        var (found, failed) = ChunkStoresOf(network, network.Status, connection);
        var upgraders = (network.Status?.ChunkStores ?? [])
            .Where(s => s is { Subnet.Length: > 0, CanisterId.Length: > 0 } && s.UpgraderModuleHash == ChunkStore.UpgraderModule.Sha256Hex)
            .ToDictionary(s => s.Subnet!, s => Principal.Parse(s.CanisterId!), StringComparer.Ordinal);
        return (connection with { SharedChunkStore = true, ChunkStores = found, FailedChunkStores = failed, Upgraders = upgraders }, string.Empty);
    }

    /// <summary>The store objects of the stores <paramref name="status"/> records, by subnet, and the subnets whose store was given up.</summary>
    public (IReadOnlyDictionary<string, NetworkChunkStore> Stores, IReadOnlySet<string> Failed) ChunkStoresOf(IcNetwork network, IcNetworkStatus? status, NetworkConnection connection)
    {
        // One store object per network, subnet and store canister, so its record of stored chunks and its lock are shared.
        var prefix = $"{network.Metadata.NamespaceProperty ?? client.DefaultNamespace}/{network.Metadata.Name}/";
        var found = new Dictionary<string, NetworkChunkStore>(StringComparer.Ordinal);
        var failed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var recorded in status?.ChunkStores ?? [])
        {
            var subnet = recorded.Subnet ?? string.Empty;
            if (recorded.CanisterId is not { Length: > 0 } storeId || subnet.Length == 0)
            {
                if (recorded.Message is not null)
                {
                    failed.Add(subnet);
                }

                continue;
            }

            var version = $"{storeId}/{RuntimeHelpers.GetHashCode(connection)}";
            found[subnet] = stores.AddOrUpdate(
                prefix + subnet,
                _ => (version, new NetworkChunkStore(connection.Management, Principal.Parse(storeId), network.Spec.Limits.MaxConcurrentCalls, recorded.Versions ?? [])),
                (_, existing) => existing.Version == version ? existing : (version, new NetworkChunkStore(connection.Management, Principal.Parse(storeId), network.Spec.Limits.MaxConcurrentCalls, recorded.Versions ?? []))).Store;
        }

        return (found, failed);
    }

    /// <summary>The connection whatever the network's Ready condition says (the network's own controller uses it once its checks passed).</summary>
    public async Task<(NetworkConnection? Connection, string Problem)> ConnectAsync(IcNetwork network, CancellationToken cancellationToken)
    {
        var @namespace = network.Metadata.NamespaceProperty ?? client.DefaultNamespace;

        var reference = network.Spec.Identity.SecretRef;
        var secret = await references.SecretAsync(@namespace, reference.Name, cancellationToken);
        var version = $"{network.Metadata.Uid}/{network.Metadata.Generation}/{secret?.Metadata.ResourceVersion}";
        var key = $"{@namespace}/{network.Metadata.Name}";
        if (connections.TryGetValue(key, out var cached) && cached.Version == version)
        {
            return (cached.Connection, string.Empty);
        }

        var ingressExpiry = GoDuration.Parse(network.Spec.Limits.IngressExpiry, "spec.limits.ingressExpiry");
        if (ingressExpiry <= TimeSpan.Zero || ingressExpiry > TimeSpan.FromMinutes(5))
        {
            return (null, $"spec.limits.ingressExpiry: expected more than 0s and at most 5m (the IC's limit), found {network.Spec.Limits.IngressExpiry}");
        }

        if (!RootKeyPolicy.TryParse(network.Spec.RootKey, out var rootKey))
        {
            return (null, "spec.rootKey: expected mainnet, fetch or a DER-encoded root key in hex");
        }

        var identity = IcNetworkController.TryLoadIdentity(secret, reference.Key, out var problem);
        if (identity is null)
        {
            return (null, $"the identity in V1Secret {reference.Name} key {reference.Key} cannot be loaded: {problem}");
        }

        var agent = new HttpAgent(rootKey!.ApplyTo(new HttpAgentOptions
        {
            IngressExpiry = ingressExpiry,
            Url = new Uri(network.Spec.Url),
            Identity = identity,
            SignatureVerifier = new Bls12381SignatureVerifier(),
            RequestsPerSecond = network.Spec.Limits.RequestsPerSecond,
            MaxConcurrentCalls = network.Spec.Limits.MaxConcurrentCalls,
            CallTimeout = GoDuration.Parse(network.Spec.Limits.CallTimeout, "spec.limits.callTimeout"),
        }));
        var connection = new NetworkConnection(agent, new ManagementCanister(agent), identity.Sender.ToString(), network.Spec.Cycles.Source)
        {
            ParallelUploads = network.Spec.Limits.MaxConcurrentCalls,
        };
        connections[key] = (version, connection);
        if (cached.Connection?.Agent is IDisposable old)
        {
            old.Dispose();
        }

        return (connection, string.Empty);
    }

    /// <summary>Drops the network's agent, so the next use builds a new one (and fetches its root key again).</summary>
    public void Forget(IcNetwork network)
    {
        var key = $"{network.Metadata.NamespaceProperty ?? client.DefaultNamespace}/{network.Metadata.Name}";
        if (connections.TryRemove(key, out var removed))
        {
            (removed.Connection.Agent as IDisposable)?.Dispose();
        }
    }

    public void Dispose()
    {
        foreach (var (_, (_, connection)) in connections)
        {
            (connection.Agent as IDisposable)?.Dispose();
        }

        foreach (var (_, (_, store)) in stores)
        {
            store.Dispose();
        }
    }
}
