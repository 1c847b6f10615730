using System.Collections.Concurrent;
using k8s.Models;
using IcOperator.Agent.Bls;
using IcOperator.Agent.Management;
using IcOperator.Agent.Transport;
using IcOperator.Api.V1Alpha1;
using IcOperator.Kube.Client;
using IcOperator.Kube.Resources;
using IcOperator.Orchestration.Quantities;

namespace IcOperator.Controllers;

/// <summary>
/// One agent per IcNetwork, rebuilt when the network's spec or its identity Secret changes. The identity
/// lives only inside the agent.
/// </summary>
internal sealed class NetworkConnections(IKubeClient client) : IDisposable
{
    private readonly ConcurrentDictionary<string, (string Version, NetworkConnection Connection)> connections = new(StringComparer.Ordinal);

    /// <summary>The connection, or null with the reason the network cannot be used yet.</summary>
    public async Task<(NetworkConnection? Connection, string Problem)> GetAsync(IcNetwork network, CancellationToken cancellationToken)
    {
        var @namespace = network.Metadata.NamespaceProperty ?? client.DefaultNamespace;
        if (Orchestration.Conditions.Find(network.Status?.Conditions, ConditionTypes.Ready) is not { Status: ConditionStatus.True })
        {
            return (null, Orchestration.Conditions.Find(network.Status?.Conditions, ConditionTypes.Ready)?.Message ?? "it has not been checked yet");
        }

        var reference = network.Spec.Identity.SecretRef;
        var secret = await client.TryGetAsync(CoreResources.Secrets, reference.Name, @namespace, cancellationToken);
        var version = $"{network.Metadata.Uid}/{network.Metadata.Generation}/{secret?.Metadata.ResourceVersion}";
        var key = $"{@namespace}/{network.Metadata.Name}";
        if (connections.TryGetValue(key, out var cached) && cached.Version == version)
        {
            return (cached.Connection, string.Empty);
        }

        var identity = IcNetworkController.TryLoadIdentity(secret, reference.Key, out var problem);
        if (identity is null)
        {
            return (null, $"the identity in V1Secret {reference.Name} key {reference.Key} cannot be loaded: {problem}");
        }

        var agent = new HttpAgent(new HttpAgentOptions
        {
            Url = new Uri(network.Spec.Url),
            Identity = identity,
            RootKeySource = network.Spec.RootKey switch { "mainnet" => RootKeySource.Mainnet, "fetch" => RootKeySource.Fetch, _ => RootKeySource.Explicit },
            RootKey = network.Spec.RootKey is "mainnet" or "fetch" ? null : Convert.FromHexString(network.Spec.RootKey),
            SignatureVerifier = new Bls12381SignatureVerifier(),
            RequestsPerSecond = network.Spec.Limits.RequestsPerSecond,
            MaxConcurrentCalls = network.Spec.Limits.MaxConcurrentCalls,
            CallTimeout = GoDuration.Parse(network.Spec.Limits.CallTimeout, "spec.limits.callTimeout"),
        });
        var connection = new NetworkConnection(agent, new ManagementCanister(agent), identity.Sender.ToString(), network.Spec.Cycles.Source);
        connections[key] = (version, connection);
        if (cached.Connection?.Agent is IDisposable old)
        {
            old.Dispose();
        }

        return (connection, string.Empty);
    }

    public void Dispose()
    {
        foreach (var (_, (_, connection)) in connections)
        {
            (connection.Agent as IDisposable)?.Dispose();
        }
    }
}
