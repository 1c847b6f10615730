using System.Security.Cryptography;
using System.Text;
using IcOperator.Agent.Bls;
using IcOperator.Agent.CyclesLedger;
using IcOperator.Agent.Identities;
using IcOperator.Agent.Management;
using IcOperator.Agent.Responses;
using IcOperator.Agent.Transport;
using IcOperator.Api;
using IcOperator.Api.V1Alpha1;
using IcOperator.Audit;
using IcOperator.ChunkStore;
using IcOperator.Controllers.Calls;
using IcOperator.Kube.Client;
using IcOperator.Kube.Events;
using IcOperator.Kube.Reconciliation;
using IcOperator.Kube.Resources;
using IcOperator.Orchestration;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace IcOperator.Controllers;

/// <summary>
/// Reconciles IcNetworks: loads the identity Secret, derives the operator's principal, reads
/// /api/v2/status and applies the root key policy. The private key never leaves this class's locals.
/// </summary>
internal sealed class IcNetworkController(
    IKubeClient client,
    NetworkConnections networks,
    IEventRecorder events,
    TimeProvider clock,
    ILogger<IcNetworkController> logger,
    IReferencedObjects? references = null,
    Func<IcNetwork, IEnumerable<CanisterDeployment>>? deploymentsOf = null) : IReconciler<IcNetwork>
{
    private readonly IReferencedObjects references = references ?? new LiveReferences(client);

    public const string ControllerName = "icnetwork";

    /// <summary>How often a Ready network is checked again; a failing one is retried with the work queue's backoff.</summary>
    public static readonly TimeSpan HealthInterval = TimeSpan.FromMinutes(1);

    /// <summary>Cycles a chunk-store canister starts with when the cycles ledger pays: its fee and a few months of 100 MiB.</summary>
    public const long ChunkStoreCycles = 1_000_000_000_000;

    public async Task<ReconcileResult> ReconcileAsync(IcNetwork network, CancellationToken cancellationToken)
    {
        var @namespace = network.Metadata.NamespaceProperty ?? client.DefaultNamespace;
        var name = network.Metadata.Name!;
        var probe = await ProbeAsync(network, @namespace, cancellationToken);
        var verdict = NetworkReadiness.Chain.Evaluate(probe);
        if (verdict.FailedCheck == "RootKeyMatches")
        {
            // A fetched key is fetched once per agent: a network that rotated its key (a local replica restarted) gets a new agent on the next try.
            networks.Forget(network);
        }

        var generation = network.Metadata.Generation ?? 0;
        var previous = network.Status ?? new IcNetworkStatus();
        var stalled = !verdict.Ready && verdict.FailedCheck is "UrlIsHttp" or "RootKeyPolicyAllowed" or "RootKeyReadable";
        var status = new IcNetworkStatus
        {
            ObservedGeneration = generation,
            LastHandledReconcileAt = network.Metadata.Annotations.ValueOrDefault(Annotations.ReconcileRequestedAt) ?? previous.LastHandledReconcileAt,
            Principal = probe.Principal,
            RootKeyFingerprint = probe.TrustedRootKey is null ? null : NetworkReadiness.Fingerprint(probe.TrustedRootKey),
            ReplicaHealth = probe.ReplicaHealth,
            ImplVersion = probe.ImplVersion,
            ChunkStore = previous.ChunkStore,
            // Lists an older operator never wrote read as null.
            ChunkStores = [.. (previous.ChunkStores ?? []).Select(s => s with { Versions = s.Versions ?? [] })],
            Conditions = Conditions.Summarise(previous.Conditions, verdict.Ready, reconciling: !verdict.Ready && !stalled, stalled, verdict.Reason, verdict.Message, generation, clock.GetUtcNow()),
        };

        status = status with { AuditLog = await AuditLogDeployment.EnsureAsync(client, network, verdict.Ready ? probe.Principal : null, cancellationToken) };
        if (verdict.Ready && status.AuditLog is { CanisterId: { } log } audit)
        {
            status = status with { AuditLog = audit with { LastBlockIndex = await LastBlockIndexAsync(network, log, previous.AuditLog?.LastBlockIndex, cancellationToken) } };
        }

        var wasReady = Conditions.Find(previous.Conditions, ConditionTypes.Ready)?.Status == ConditionStatus.True;
        if (verdict.Ready != wasReady || Conditions.Find(previous.Conditions, ConditionTypes.Ready)?.Reason != verdict.Reason)
        {
            events.Record(network, verdict.Ready ? EventTypes.Normal : EventTypes.Warning, verdict.Reason, "Connect", verdict.Message);
            logger.LogInformation("IcNetwork {Namespace}/{Name}: {Reason}: {Message}", @namespace, name, verdict.Reason, verdict.Message);
        }

        if (verdict.Ready && network.Spec.Cycles.Source == CyclesSource.Provisional && (await networks.ConnectAsync(network, cancellationToken)).Connection is { } connected)
        {
            // Read beside the network's own work, so the first creates on it choose their ids without waiting on a read_state.
            connected.HostingSubnets.Prefetch(connected.Agent, connected.Management.ProvisionalEffectiveCanisterId);
        }

        await StatusPatch.WriteAsync(client, OperatorResources.IcNetworks, name, @namespace, network.Status, status, OperatorJsonContext.Default.IcNetworkStatus, cancellationToken);
        if (verdict.Ready && network.Spec.SharedChunkStore && (status.ChunkStore is not null || MissingChunkStores(network, status).Any()))
        {
            status = await EnsureChunkStoresAsync(network, status, cancellationToken);
        }

        // Listed while the upgrader goes in: a store's contents are known before any deployment uploads to it.
        var listing = verdict.Ready && network.Spec.SharedChunkStore ? ListChunkStoresAsync(network, status, cancellationToken) : Task.CompletedTask;
        if (verdict.Ready && network.Spec.SharedChunkStore && status.ChunkStores.Any(s => s.CanisterId is { Length: > 0 } && s.UpgraderModuleHash != UpgraderModule.Sha256Hex))
        {
            status = await EnsureUpgradersAsync(network, status, cancellationToken);
        }

        await listing;

        if (verdict.Ready && network.Spec.SharedChunkStore && status.ChunkStores.Count > 0)
        {
            await CollectChunkStoresAsync(network, status, cancellationToken);
        }

        // A deployed audit log still installing is not polled: its CanisterDeployment, owned by this network, wakes it.
        return verdict.Ready ? ReconcileResult.RequeueAfter(HealthInterval)
            : stalled ? ReconcileResult.Done()
            : ReconcileResult.Error(verdict.Message);
    }

    /// <summary>The audit log's last block index; a log that cannot be read now keeps the index last seen and does not make the network unready.</summary>
    private async Task<long?> LastBlockIndexAsync(IcNetwork network, string log, long? previous, CancellationToken cancellationToken)
    {
        var (connection, _) = await networks.ConnectAsync(network, cancellationToken);
        if (connection is null)
        {
            return previous;
        }

        try
        {
            return await AuditLogTip.LastBlockIndexAsync(connection.Agent, Candid.Principal.Parse(log), cancellationToken);
        }
        catch (Exception e) when (e is IcRejectException or IcHttpException or HttpRequestException or Candid.CandidException or FormatException)
        {
            logger.LogWarning("IcNetwork {Namespace}/{Name}: audit log {Log} could not be read: {Error}", network.Metadata.NamespaceProperty, network.Metadata.Name, log, e.Message);
            return previous;
        }
    }

    /// <summary>Whether <paramref name="deployment"/> is on a subnet of <paramref name="network"/> that has no chunk store recorded yet: it wakes the network.</summary>
    public static bool NeedsChunkStore(IcNetwork? network, CanisterDeployment deployment) =>
        network is { Spec.SharedChunkStore: true } && SubnetOf(deployment) is { } subnet
        && network.Status?.ChunkStores?.Any(s => s.Subnet == subnet) != true;

    /// <summary>
    /// Subnets that need a store and have none (or one still being created): the first store, where the network
    /// chooses (key null), then each subnet a deployment of the network is on or asks for in spec.create.subnet.
    /// </summary>
    private IEnumerable<string?> MissingChunkStores(IcNetwork network, IcNetworkStatus status)
    {
        bool Settled(string? subnet) => status.ChunkStores.Any(s => (s.Subnet ?? string.Empty) == (subnet ?? string.Empty) && (s.CanisterId is not null || s.Message is not null));
        if (status.ChunkStores.Count == 0 || status.ChunkStores.Any(s => string.IsNullOrEmpty(s.Subnet) && !Settled(null)))
        {
            yield return null;
        }

        var used = (deploymentsOf?.Invoke(network) ?? []).Select(SubnetOf).OfType<string>().Distinct(StringComparer.Ordinal);
        foreach (var subnet in used.Where(s => !Settled(s)))
        {
            yield return subnet;
        }
    }

    private static string? SubnetOf(CanisterDeployment deployment) =>
        deployment.Status?.Subnet is { Length: > 0 } recorded ? recorded : deployment.Spec.Create.Subnet is { Length: > 0 } asked ? asked : null;

    /// <summary>
    /// Moves a store recorded by an earlier version (status.chunkStore) into chunkStores with its subnet, then creates
    /// each missing store, one at a time.
    /// </summary>
    private async Task<IcNetworkStatus> EnsureChunkStoresAsync(IcNetwork network, IcNetworkStatus status, CancellationToken cancellationToken)
    {
        var (connection, _) = await networks.ConnectAsync(network, cancellationToken);
        if (connection is null)
        {
            return status;
        }

        var written = status;
        if (status.ChunkStore is { } legacy)
        {
            var moved = (legacy.CanisterId is { Length: > 0 } id
                ? legacy with { Subnet = (await connection.Agent.ReadSubnetAsync(Candid.Principal.Parse(id), cancellationToken)).ToString() }
                : legacy) with
            { Versions = legacy.Versions ?? [] };
            var next = written with { ChunkStore = null, ChunkStores = [.. written.ChunkStores.Where(s => s.Subnet != moved.Subnet), moved] };
            await StatusPatch.WriteAsync(client, OperatorResources.IcNetworks, network.Metadata.Name!, network.Metadata.NamespaceProperty ?? client.DefaultNamespace, written, next, OperatorJsonContext.Default.IcNetworkStatus, cancellationToken);
            written = next;
        }

        // Looked at again after each create: the first store may land on a subnet a deployment is waiting on.
        while (MissingChunkStores(network, written).Take(1).ToList() is [var subnet])
        {
            written = await CreateChunkStoreAsync(network, connection, written, subnet, cancellationToken);
            if (MissingChunkStores(network, written).Take(1).ToList() is [var still] && still == subnet)
            {
                // Still being created (a call in flight) or given up: the network's next reconcile looks again.
                return written;
            }
        }

        return written;
    }

    /// <summary>
    /// Clears a store that holds a template version none of the network's deployments uses any more, when no install
    /// from it is under way (no deployment on its subnet has an operation running and no install holds its lease),
    /// and records in status which versions each store holds. What is still used goes up again at its next install:
    /// the IC can only clear a chunk store whole.
    /// </summary>
    private async Task CollectChunkStoresAsync(IcNetwork network, IcNetworkStatus status, CancellationToken cancellationToken)
    {
        var (connection, _) = await networks.ConnectAsync(network, cancellationToken);
        if (connection is null)
        {
            return;
        }

        var deployments = (deploymentsOf?.Invoke(network) ?? []).ToList();
        var used = deployments.Select(d => (d.Spec.Template.Name, d.Spec.Template.Version)).ToHashSet();
        var busy = deployments.Where(InstallUnderWay).Select(d => d.Status?.Subnet ?? string.Empty).ToHashSet(StringComparer.Ordinal);
        var (stores, _) = networks.ChunkStoresOf(network, status, connection);
        var entries = new List<NetworkChunkStoreStatus>();
        foreach (var entry in status.ChunkStores)
        {
            if (entry.Subnet is not { Length: > 0 } subnet || !stores.TryGetValue(subnet, out var store))
            {
                entries.Add(entry);
                continue;
            }

            var unused = store.Versions.Where(v => !used.Contains((v.Template, v.Version))).ToList();
            if (unused.Count > 0 && deploymentsOf is not null && !busy.Contains(subnet) && !busy.Contains(string.Empty) && await store.TryClearAsync(cancellationToken))
            {
                var dropped = string.Join(", ", unused.Select(v => $"{v.Template} {v.Version}"));
                events.Record(network, EventTypes.Normal, IcNetworkReasons.ChunkStoreCleared, "ClearChunkStore", $"Cleared chunk-store canister {store.CanisterId} on subnet {subnet}: no deployment uses {dropped} any more; versions still used go up again at their next install.");
                logger.LogInformation("IcNetwork {Namespace}/{Name}: cleared chunk store {Canister} of {Versions}", network.Metadata.NamespaceProperty, network.Metadata.Name, store.CanisterId, dropped);
            }

            entries.Add(entry with { Versions = [.. store.Versions] });
        }

        var next = status with { ChunkStores = entries };
        await StatusPatch.WriteAsync(client, OperatorResources.IcNetworks, network.Metadata.Name!, network.Metadata.NamespaceProperty ?? client.DefaultNamespace, status, next, OperatorJsonContext.Default.IcNetworkStatus, cancellationToken);
    }

    /// <summary>
    /// Lists what each of the network's stores holds, once per store object (<see cref="NetworkChunkStore.ListAsync"/>),
    /// so the first upload to it needs no listing of its own. A failure leaves that to the first upload.
    /// </summary>
    private async Task ListChunkStoresAsync(IcNetwork network, IcNetworkStatus status, CancellationToken cancellationToken)
    {
        var (connection, _) = await networks.ConnectAsync(network, cancellationToken);
        if (connection is null)
        {
            return;
        }

        foreach (var store in networks.ChunkStoresOf(network, status, connection).Stores.Values)
        {
            try
            {
                await store.ListAsync(cancellationToken);
            }
            catch (Exception e) when (e is IcRejectException or IcHttpException or HttpRequestException or IcCallOutcomeUnknownException)
            {
                logger.LogWarning("IcNetwork {Namespace}/{Name}: chunk store {Canister} could not be listed ahead of uploads: {Problem}", network.Metadata.NamespaceProperty, network.Metadata.Name, store.CanisterId, e.Message);
            }
        }
    }

    /// <summary>
    /// Installs the upgrader module into each chunk-store canister that does not run it (or runs an older one). The
    /// module hash about to go in is recorded first, and the canister's own module hash decides whether to install, so a
    /// restart installs nothing twice; installing code leaves the store's chunks in place. An older upgrader is replaced
    /// only while no install on its subnet is under way, since one may be calling it. A store the upgrader cannot be
    /// installed into keeps serving as a store, and its deployments upgrade with one call per step.
    /// </summary>
    private async Task<IcNetworkStatus> EnsureUpgradersAsync(IcNetwork network, IcNetworkStatus status, CancellationToken cancellationToken)
    {
        var (connection, _) = await networks.ConnectAsync(network, cancellationToken);
        if (connection is null)
        {
            return status;
        }

        var @namespace = network.Metadata.NamespaceProperty ?? client.DefaultNamespace;
        var name = network.Metadata.Name!;
        var busy = (deploymentsOf?.Invoke(network) ?? []).Where(InstallUnderWay).Select(d => d.Status?.Subnet ?? string.Empty).ToHashSet(StringComparer.Ordinal);
        var written = status;
        foreach (var entry in status.ChunkStores.Where(s => s.CanisterId is { Length: > 0 } && s.UpgraderModuleHash != UpgraderModule.Sha256Hex))
        {
            if (entry.UpgraderModuleHash is not null && (busy.Contains(entry.Subnet ?? string.Empty) || busy.Contains(string.Empty)))
            {
                continue;
            }

            var store = Candid.Principal.Parse(entry.CanisterId!);
            await WriteAsync(entry with { PendingUpgraderModuleHash = UpgraderModule.Sha256Hex });
            try
            {
                var running = await connection.Agent.ReadModuleHashAsync(store, cancellationToken) is { } hash ? Convert.ToHexStringLower(hash) : null;
                if (running != UpgraderModule.Sha256Hex)
                {
                    // Motoko keeps its memory across upgrades only when told to (enhanced orthogonal persistence).
                    var mode = running is null ? CanisterInstallMode.InstallMode : CanisterInstallMode.UpgradeMode(null, Agent.Management.WasmMemoryPersistence.Keep);
                    await connection.Management.InstallCodeAsync(store, mode, UpgraderModule.Wasm, Candid.CandidEncoder.Encode([], []), cancellationToken);
                }
            }
            catch (IcRejectException e)
            {
                events.Record(network, EventTypes.Warning, IcNetworkReasons.UpgraderInstallFailed, "InstallUpgrader", $"The upgrader could not be installed into chunk-store canister {store} ({e.ErrorCode ?? e.RejectCode.ToString()}): {e.RejectMessage}. It keeps serving as a chunk store; upgrades on subnet {entry.Subnet} take one call per step until it is installed.");
                logger.LogWarning("IcNetwork {Namespace}/{Name}: upgrader not installed into {Canister}: {Error}", @namespace, name, store, e.RejectMessage);
                continue;
            }

            await WriteAsync(entry with { UpgraderModuleHash = UpgraderModule.Sha256Hex, PendingUpgraderModuleHash = null });
            events.Record(network, EventTypes.Normal, IcNetworkReasons.UpgraderInstalled, "InstallUpgrader", $"Chunk-store canister {store} on subnet {entry.Subnet} runs the upgrader {UpgraderModule.Sha256Hex}: an upgrade there is one call that stops, snapshots, installs and starts the canister.");
            logger.LogInformation("IcNetwork {Namespace}/{Name}: chunk store {Canister} runs the upgrader {Module}", @namespace, name, store, UpgraderModule.Sha256Hex);
        }

        return written;

        async Task WriteAsync(NetworkChunkStoreStatus entry)
        {
            var next = written with { ChunkStores = [.. written.ChunkStores.Select(s => s.CanisterId == entry.CanisterId ? entry : s)] };
            await StatusPatch.WriteAsync(client, OperatorResources.IcNetworks, name, @namespace, written, next, OperatorJsonContext.Default.IcNetworkStatus, cancellationToken);
            written = next;
        }
    }

    /// <summary>
    /// Whether the deployment installs now or is about to: an operation runs, or its version differs from the one
    /// running and has not failed (the install or upgrade has not begun yet).
    /// </summary>
    private static bool InstallUnderWay(CanisterDeployment deployment) =>
        deployment.Status is not { } status
        || status.LastOperation is { FinishedAt: null }
        || (status.Version != deployment.Spec.Template.Version && status.FailedVersion != deployment.Spec.Template.Version);

    /// <summary>
    /// Whether a change to <paramref name="deployment"/> may change what <paramref name="network"/>'s store on its
    /// subnet should hold: with no operation running, its version is installed but not recorded as stored, or the
    /// store records another version (perhaps no longer used).
    /// </summary>
    public static bool ChunkStoreMayChange(IcNetwork? network, CanisterDeployment deployment) =>
        network is { Spec.SharedChunkStore: true } && deployment.Status is { Subnet: { Length: > 0 } subnet, LastOperation: not { FinishedAt: null } } status
        && network.Status?.ChunkStores?.FirstOrDefault(s => s.Subnet == subnet) is { CanisterId: not null, Versions: { } held }
        && (held.Any(v => v.Template != deployment.Spec.Template.Name || v.Version != deployment.Spec.Template.Version)
            || (status.Version == deployment.Spec.Template.Version && !held.Any(v => v.Template == deployment.Spec.Template.Name && v.Version == status.Version)));

    /// <summary>
    /// Creates a chunk-store canister on <paramref name="subnet"/> (null: where the network chooses), recording
    /// pendingCreate before the call: through the cycles ledger a retry carries the same created_at_time and is
    /// answered as a duplicate; a provisional create records its request first (and, on a named subnet, the id it
    /// asks for), and after a restart its outcome is read by request id, or the chosen id is looked at, instead of
    /// creating again.
    /// </summary>
    private async Task<IcNetworkStatus> CreateChunkStoreAsync(IcNetwork network, NetworkConnection connection, IcNetworkStatus status, string? subnet, CancellationToken cancellationToken)
    {
        var @namespace = network.Metadata.NamespaceProperty ?? client.DefaultNamespace;
        var name = network.Metadata.Name!;
        var written = status;
        var now = clock.GetUtcNow();
        var pending = status.ChunkStores.FirstOrDefault(s => (s.Subnet ?? string.Empty) == (subnet ?? string.Empty))?.PendingCreate ?? new PendingCreate { StartedAt = now };
        var operatorPrincipal = Candid.Principal.Parse(connection.OperatorPrincipal);
        var controllers = new[] { operatorPrincipal };
        Candid.Principal? canister;
        if (connection.CyclesSource == CyclesSource.CyclesLedger)
        {
            pending = LedgerCreateArguments.Chosen(pending, now, ChunkStoreCycles);
            await WriteAsync(new NetworkChunkStoreStatus { Subnet = subnet, PendingCreate = pending });
            var (amount, createdAtTime) = LedgerCreateArguments.Of(pending);
            canister = await new CyclesLedgerClient(connection.Agent).CreateCanisterAsync(
                amount,
                createdAtTime,
                new LedgerCanisterSettings { Controllers = controllers },
                subnet is null ? null : new SubnetSelection.Subnet(Candid.Principal.Parse(subnet)),
                cancellationToken: cancellationToken);
        }
        else
        {
            Candid.Principal? specified = null;
            if (subnet is not null)
            {
                // A named subnet is reached through an id in its ranges, chosen once and recorded before the first attempt.
                if (pending.SpecifiedId is null)
                {
                    var ranges = await connection.Agent.ReadCanisterRangesOfSubnetAsync(Candid.Principal.Parse(subnet), cancellationToken);
                    pending = pending with { SpecifiedId = CanisterIdChoice.Choose(ranges, ranges.Ranges[0].Start, $"{network.Metadata.Uid}/chunk-store/{subnet}").ToString() };
                }

                specified = Candid.Principal.Parse(pending.SpecifiedId);
            }

            var call = ManagementCalls.ProvisionalCreateCanisterWithCycles(null, new CanisterSettings { Controllers = controllers }, specified, specified ?? connection.Management.ProvisionalEffectiveCanisterId);
            var outcome = await ExactlyOnceCall.RunAsync(connection.Agent, pending.Call, call, (recorded, ct) => WriteAsync(new NetworkChunkStoreStatus { Subnet = subnet, PendingCreate = pending with { Call = recorded } }), cancellationToken);
            canister = outcome.Kind switch
            {
                CallOutcomeKind.Replied => ManagementCalls.CreatedCanister(outcome.RequireReply()),
                CallOutcomeKind.Rejected or CallOutcomeKind.Pruned when specified is not null && await ControlsAsync(connection, specified, operatorPrincipal, cancellationToken) => specified,
                CallOutcomeKind.Rejected => throw outcome.Reject!,
                _ => null,
            };
            if (outcome.Kind == CallOutcomeKind.Pruned && canister is null)
            {
                // It ran, but the IC no longer remembers its reply: only a person can tell which canister it made.
                await WriteAsync(new NetworkChunkStoreStatus
                {
                    Subnet = subnet,
                    PendingCreate = pending with { Call = outcome.Call },
                    Message = $"The create of the chunk-store canister started at {pending.StartedAt:O} ran but its reply is gone. Delete this entry of status.chunkStores to create a new one; until then each deployment on this subnet uploads into its own canister's chunk store.",
                });
            }
        }

        if (canister is null)
        {
            return written;
        }

        var on = subnet ?? (await connection.Agent.ReadSubnetAsync(canister, cancellationToken)).ToString();
        await WriteAsync(new NetworkChunkStoreStatus { Subnet = on, CanisterId = canister.ToString() });
        events.Record(network, EventTypes.Normal, IcNetworkReasons.ChunkStoreCreated, "CreateChunkStore", $"Created chunk-store canister {canister} on subnet {on}: modules are uploaded to it once and installed from it.");
        logger.LogInformation("IcNetwork {Namespace}/{Name}: created chunk-store canister {Canister} on subnet {Subnet}", @namespace, name, canister, on);
        return written;

        async Task WriteAsync(NetworkChunkStoreStatus store)
        {
            // The entry being created is keyed by its subnet (none for the first store until it exists).
            var next = written with { ChunkStores = [.. written.ChunkStores.Where(s => (s.Subnet ?? string.Empty) != (subnet ?? string.Empty) && s.Subnet != store.Subnet), store] };
            await StatusPatch.WriteAsync(client, OperatorResources.IcNetworks, name, @namespace, written, next, OperatorJsonContext.Default.IcNetworkStatus, cancellationToken);
            written = next;
        }
    }

    /// <summary>Whether a canister exists at <paramref name="canister"/> with the operator among its controllers: then an earlier create made it.</summary>
    private static async Task<bool> ControlsAsync(NetworkConnection connection, Candid.Principal canister, Candid.Principal operatorPrincipal, CancellationToken cancellationToken)
    {
        try
        {
            return (await connection.Agent.ReadControllersAsync(canister, cancellationToken)).Contains(operatorPrincipal);
        }
        catch (Agent.Certificates.CertificateVerificationException)
        {
            // The certificate proves the controllers absent: no canister there.
            return false;
        }
    }

    /// <summary>Loads the identity from an IcNetwork's Secret; null when it cannot be loaded (the network reports why).</summary>
    public static IIdentity? TryLoadIdentity(V1Secret? secret, string key, out string? problem)
    {
        string? pem = secret?.Data?.TryGetValue(key, out var bytes) == true ? Encoding.UTF8.GetString(bytes)
            : secret?.StringData.ValueOrDefault(key);
        if (pem is null)
        {
            problem = "the key is missing";
            return null;
        }

        try
        {
            problem = null;
            return IdentityPem.Parse(pem);
        }
        catch (Exception e) when (e is FormatException or CryptographicException or ArgumentException or NotSupportedException)
        {
            // The agent's messages never echo key material, so they can be shown.
            problem = e.Message;
            return null;
        }
    }

    /// <summary>
    /// Checks the network the way the deployments will use it: through its agent, so the root key reported in
    /// status is the key that agent checks certificates against, not one derived here a second time.
    /// </summary>
    private async Task<NetworkProbe> ProbeAsync(IcNetwork network, string @namespace, CancellationToken cancellationToken)
    {
        var spec = network.Spec;
        var probe = new NetworkProbe
        {
            Url = spec.Url,
            RootKeyPolicy = spec.RootKey,
            SecretName = spec.Identity.SecretRef.Name,
            SecretKey = spec.Identity.SecretRef.Key,
        };
        var secret = await references.SecretAsync(@namespace, spec.Identity.SecretRef.Name, cancellationToken);
        var keyFound = secret?.Data?.ContainsKey(spec.Identity.SecretRef.Key) == true || secret?.StringData?.ContainsKey(spec.Identity.SecretRef.Key) == true;
        string? problem = null;
        var identity = keyFound ? TryLoadIdentity(secret, spec.Identity.SecretRef.Key, out problem) : null;
        probe = probe with
        {
            SecretFound = secret is not null,
            KeyFound = keyFound,
            Principal = identity?.Sender.ToString(),
            IdentityProblem = keyFound && identity is null ? problem ?? "it does not parse" : null,
        };
        if (identity is null || !Uri.TryCreate(spec.Url, UriKind.Absolute, out var uri)
            || !RootKeyPolicy.TryParse(spec.RootKey, out var policy) || !policy!.AllowedFor(uri))
        {
            return probe;
        }

        var (connection, connectProblem) = await networks.ConnectAsync(network, cancellationToken);
        if (connection is null)
        {
            return probe with { StatusProblem = connectProblem };
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            var status = await connection.Agent.StatusAsync(timeout.Token);
            var trusted = await connection.Agent.RootKeyAsync(timeout.Token);
            return probe with { ReplicaHealth = status.ReplicaHealthStatus, ImplVersion = status.ImplVersion, ReportedRootKey = status.RootKey, TrustedRootKey = trusted };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return probe with { StatusProblem = "no answer within 10s" };
        }
        catch (Exception e) when (e is HttpRequestException or Agent.Transport.IcHttpException or InvalidOperationException)
        {
            return probe with { StatusProblem = e.Message };
        }
        catch (Exception e) when (e is FormatException or Agent.Cbor.CborException)
        {
            return probe with { StatusProblem = $"the answer is not a CBOR status: {e.Message}" };
        }
    }
}
