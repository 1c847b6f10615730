using System.ComponentModel;
using IcOperator.Api.Schema;

namespace IcOperator.Api.V1Alpha1;

/// <summary>What the operator found at the network.</summary>
[Description("What the operator found at the network.")]
public sealed record IcNetworkStatus
{
    [Description("The metadata.generation this status was computed for.")]
    public long? ObservedGeneration { get; init; }

    [Description("The last value of the ic-operator.dev/reconcile-requested-at annotation the operator handled.")]
    public string? LastHandledReconcileAt { get; init; }

    [Description("The operator's principal on this network, derived from the identity Secret.")]
    public string? Principal { get; init; }

    [Description("The first 16 hex characters of the SHA-256 of the DER root key certificates are checked against.")]
    public string? RootKeyFingerprint { get; init; }

    [Description("The replica's health as /api/v2/status reports it (healthy, starting, waiting_for_certified_state, certified_state_behind).")]
    public string? ReplicaHealth { get; init; }

    [Description("The version of the IC interface the replica implements.")]
    public string? ImplVersion { get; init; }

    [Description("The audit log canister and its last block, when spec.auditLog is set.")]
    public AuditLogStatus? AuditLog { get; init; }

    [Description("Replaced by chunkStores. A store recorded here by an earlier version is read once, moved into chunkStores with its subnet and cleared.")]
    public NetworkChunkStoreStatus? ChunkStore { get; init; }

    [Description("The network's shared chunk-store canisters, one per subnet its canisters are on: each module is uploaded to the store of a subnet once and installed from it into every canister on that subnet.")]
    public List<NetworkChunkStoreStatus> ChunkStores { get; init; } = [];

    [ListMap("type")]
    [Description("Ready and Stalled, as kstatus defines them.")]
    public List<Condition> Conditions { get; init; } = [];
}
