using System.Collections.Concurrent;
using System.Globalization;
using IcOperator.Agent.Transport;
using IcOperator.Api;
using IcOperator.Api.V1Alpha1;
using IcOperator.Audit;
using IcOperator.Candid;
using IcOperator.ChunkStore;
using IcOperator.Controllers.Calls;
using IcOperator.Controllers.CanisterActions;
using IcOperator.Kube.Client;
using IcOperator.Kube.Events;
using IcOperator.Kube.Reconciliation;
using IcOperator.Kube.Resources;
using IcOperator.Observability;
using IcOperator.Orchestration;
using IcOperator.Wasm;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace IcOperator.Controllers;

/// <summary>
/// Reconciles CanisterDeployments: observe (network, template, canister) → plan (pure) → run one step →
/// write status. Every step is re-derived from what the IC reports and what status recorded before it.
/// </summary>
internal sealed class CanisterDeploymentController(
    IKubeClient client,
    NetworkConnections networks,
    VerifiedModuleStore modules,
    IEventRecorder events,
    OperatorMetrics metrics,
    TimeProvider clock,
    ILogger<CanisterDeploymentController> logger,
    IAuditLogs? auditLogs = null,
    IUpdateCallSender? calls = null,
    IReferencedObjects? references = null,
    OwnStatusWrites? ownWrites = null) : IReconciler<CanisterDeployment>
{
    private readonly IReferencedObjects references = references ?? new LiveReferences(client);
    private readonly AuditTrail audit = new(auditLogs ?? AuditLogCanisters.Instance, metrics, logger);
    private readonly InSyncDeployments inSync = new(clock);
    private readonly CanisterWaits waits = new(clock);

    /// <summary>
    /// Upgrades without a shared store whose new module went into the canister's own chunk store before the stop, by
    /// canister and module hash: the install while stopped does not list the store again. A restart forgets it and lists.
    /// </summary>
    private readonly ConcurrentDictionary<ObjectKey, (string? Canister, string Sha256)> uploadedBeforeStop = new();

    public const string ControllerName = "canisterdeployment";

    /// <summary>How often a Ready canister is read again, to see drift and report cycles.</summary>
    public static readonly TimeSpan ResyncInterval = TimeSpan.FromMinutes(2);

    /// <summary>How soon the next step runs after one completed.</summary>
    public static readonly TimeSpan StepInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// How soon a deployment waiting on the IC (a stopping canister, a health check, a call in flight) looks again.
    /// One waiting for its network, template or identity Secret is not requeued: a watch on that object wakes it.
    /// </summary>
    public static readonly TimeSpan WaitInterval = TimeSpan.FromSeconds(1);

    /// <summary>At most this many steps run in one reconcile; only steps that leave the canister as observed are chained.</summary>
    private const int MaxStepsPerReconcile = 8;

    private readonly ICanisterAction[] actions =
    [
        new CreateAction(), new InstallAction(), new UpgradeAction(), new UpgraderAction(), new SnapshotAction(), new RollbackAction(),
        new UpdateSettingsAction(), new DeleteAction(), new RunStateAction(), new HealthCheckAction(), new OperationRecordAction(),
        new CallAction(calls ?? new ExactlyOnceUpdateCallSender()),
    ];

    public async Task<ReconcileResult> ReconcileAsync(CanisterDeployment deployment, CancellationToken cancellationToken)
    {
        var @namespace = deployment.Metadata.NamespaceProperty ?? client.DefaultNamespace;
        var name = deployment.Metadata.Name!;
        var deleting = deployment.Metadata.DeletionTimestamp is not null;
        if (!deleting && !Finalizers.Has(deployment, Annotations.CanisterFinalizer))
        {
            deployment = await Finalizers.EnsureAsync(client, OperatorResources.CanisterDeployments, deployment, Annotations.CanisterFinalizer, cancellationToken);
        }

        var status = deployment.Status ?? new CanisterDeploymentStatus();
        var network = await references.NetworkAsync(@namespace, deployment.Spec.NetworkRef.Name, cancellationToken);
        var (connection, networkProblem) = network is null
            ? (null, $"IcNetwork {deployment.Spec.NetworkRef.Name} does not exist in this namespace")
            : await networks.GetAsync(network, cancellationToken);

        if (connection is not null && network!.Spec.AuditLog is not null && network.Status?.AuditLog?.CanisterId is null && network.Spec.AuditLog.CanisterId is null
            && deployment.Metadata.Labels?.ContainsKey(AuditLogDeployment.Label) != true)
        {
            // Every step on a network with an audit log is recorded, so nothing runs before the log does.
            (connection, networkProblem) = (null, $"the audit log of IcNetwork {network.Metadata.Name} is not installed yet");
        }

        var (availability, versionSpec) = await ResolveTemplateAsync(deployment, @namespace, cancellationToken);
        var key = new ObjectKey(@namespace, name);
        var deploymentInputs = string.Join('|', deployment.Metadata.Generation, deployment.Metadata.Annotations.ValueOrDefault(Annotations.ReconcileRequestedAt), availability, versionSpec?.Sha256);
        string InputsOn(string? subnet) => $"{deploymentInputs}|{DeploymentInputs.Network(network, subnet)}";
        if (!deleting && inSync.UntilResync(key, InputsOn(status.Subnet)) is { } untilResync)
        {
            // Woken again (a requeue set by an earlier step, a watch) with nothing changed since it was found in sync.
            return ReconcileResult.RequeueAfter(untilResync);
        }

        inSync.Forget(key);
        WasmModule? module = null;
        DesiredModule? desired = null;
        var moduleUnavailable = false;
        if (availability == TemplateAvailability.Verified)
        {
            try
            {
                module = await modules.GetAsync(@namespace, deployment.Spec.Template.Name, versionSpec!, cancellationToken);
                desired = Desired(versionSpec!.Version, module);
            }
            catch (WasmException e)
            {
                logger.LogWarning("CanisterDeployment {Namespace}/{Name}: module of version {Version} unavailable: {Problem}", @namespace, name, versionSpec!.Version, e.Message);
                availability = TemplateAvailability.NotVerified;
                moduleUnavailable = true;
            }
        }

        if (!deleting && connection is { SharedChunkStore: true } && module is not null && WillInstall(deployment, status, module)
            && ChunkStoreAhead(connection, deployment, status) is { } storeAhead)
        {
            // Started as the reconcile begins, not when the install step needs it: the store's listing and upload then run
            // beside create_canister, off the deploy's critical path; the install's lease waits for it. It starts here
            // rather than when the version is verified, because only a deployment tells on which network (and subnet) it goes.
            storeAhead.UploadAhead(module, deployment.Spec.Template, bytes => metrics.ChunkBytesUploaded.Inc(bytes), cancellationToken);
        }

        var (argument, argumentGate) = module is null ? ([], GateResult.Pass) : CandidArguments.Install(deployment.Spec.Install, module);
        var callsGate = module is null ? GateResult.Pass : CandidArguments.CheckCalls(deployment.Spec, module);
        var interfaceGate = module is null ? GateResult.Pass : await InterfaceGateAsync(deployment, @namespace, status, module, cancellationToken);
        // Before any canister is recorded, the id chosen for a pending create is looked at: it may exist already.
        var lookAt = CanisterIdOf(deployment, status) ?? status.PendingCreate?.SpecifiedId;
        var waited = deleting ? null : waits.Take(key, deploymentInputs) is { } before && before.Observed.CanisterId == lookAt ? before : null;
        if (waited is not null && connection is not null && RecordedCallOf(status) is { } recorded)
        {
            // A wait on a call in flight ends when the IC knows its outcome: read it back by request id, not the canister.
            var outcome = await ExactlyOnceCall.ReadAsync(connection.Agent, recorded, cancellationToken);
            if (outcome?.Kind == CallOutcomeKind.InFlight)
            {
                waits.Record(key, deploymentInputs, waited);
                return ReconcileResult.RequeueAfter(WaitInterval);
            }

            // An install the IC answered put in the module recorded before it was sent; any other outcome is read from the canister.
            waited = outcome?.Kind == CallOutcomeKind.Replied && InstalledModuleOf(recorded, status) is { } installed
                ? waited with { Observed = waited.Observed with { ModuleHash = installed } }
                : null;
        }

        var observed = connection is null || lookAt is null ? null : waited?.Observed ?? await ObserveAsync(connection, Principal.Parse(lookAt), cancellationToken);
        var runningModuleCanMakeCalls = connection is null ? null : await RunningModuleCanMakeCallsAsync(deployment, @namespace, observed, desired, cancellationToken);
        var snapshotsListed = false;
        var chunksUploaded = desired is not null && uploadedBeforeStop.TryGetValue(key, out var upload) && upload == (lookAt, desired.Sha256);
        var lastWritten = deployment.Status;

        // A step that leaves the canister as observed (a status write, the health query) is followed by the next step
        // in the same reconcile, planned on the same observation: the IC is read again only after a step changed it.
        for (var pass = 1; ; pass++)
        {
            if (connection is not null && observed is { Exists: true, OperatorIsController: true } && !snapshotsListed && SnapshotListing.IsNeeded(deployment.Spec, status, observed))
            {
                var snapshots = await connection.Management.ListCanisterSnapshotsAsync(Principal.Parse(observed.CanisterId), cancellationToken);
                observed = observed with { Snapshots = SettingsConversion.Observe(snapshots) };
                snapshotsListed = true;
                status = status with { Snapshots = RecordedSnapshotsStillHeld(status, observed) };
            }

            var canisterId = CanisterIdOf(deployment, status);
            var upgrader = UpgraderOf(connection, deployment, status);
            var input = new CanisterPlanInput
            {
                Spec = deployment.Spec,
                Status = status,
                Generation = deployment.Metadata.Generation ?? 0,
                Deleting = deleting,
                Network = new NetworkObservation
                {
                    Ready = connection is not null,
                    Message = networkProblem,
                    CyclesSource = network?.Spec.Cycles.Source ?? CyclesSource.Provisional,
                    OperatorPrincipal = connection?.OperatorPrincipal,
                    Upgrader = upgrader?.ToString(),
                },
                Template = availability,
                Module = desired,
                Canister = observed,
                Argument = argumentGate,
                Calls = callsGate,
                Interface = interfaceGate,
                RunningModuleCanMakeCalls = runningModuleCanMakeCalls,
            };
            var plan = CanisterPlanner.Plan(input);
            if (observed is { ImpliedByCreate: true } && !CreatedCanister.MayPlan(plan.Step.Kind) && connection is not null)
            {
                // Only the deploy goes on what the create implied; any other step is planned on what the IC reports.
                observed = await ObserveAsync(connection, Principal.Parse(observed.CanisterId), cancellationToken);
                continue;
            }

            if (pass == 1 && plan.Stalled && plan.Step.Kind == CanisterStepKind.None && await IsStaleAsync(deployment, cancellationToken))
            {
                // A stall waits for a spec change, so it is never decided on a cached copy that lacks this
                // controller's own last status write (a pendingCreate without the canister id recorded after it).
                return ReconcileResult.RequeueAfter(StepInterval);
            }

            if (pass == 1 && plan.Step.Kind == CanisterStepKind.CallMethod && IsInFlight(status, plan.Step) && await IsStaleAsync(deployment, cancellationToken))
            {
                // A call recorded as sent but not answered may only be a cached copy behind this controller's own last write.
                return ReconcileResult.RequeueAfter(StepInterval);
            }

            if (deleting && plan.Step.Kind is not (CanisterStepKind.None or CanisterStepKind.RemoveFinalizer) && connection is null)
            {
                return ReconcileResult.Error($"CanisterDeployment {@namespace}/{name}: cannot apply deletionPolicy {deployment.Spec.DeletionPolicy}: {networkProblem}");
            }

            if (plan.Step.Kind == CanisterStepKind.RemoveFinalizer)
            {
                events.Record(deployment, EventTypes.Normal, plan.Reason, "Delete", plan.Message);
                metrics.ForgetDeployment(@namespace, name, status.CanisterId);
                await Finalizers.RemoveAsync(client, OperatorResources.CanisterDeployments, deployment, Annotations.CanisterFinalizer, cancellationToken);
                return ReconcileResult.Done();
            }

            var stepConnection = connection is null ? null : connection with { Upgrader = upgrader };
            if (connection is { SharedChunkStore: true } && canisterId is not null && UsesChunkStore(plan))
            {
                if (status.Subnet is null)
                {
                    // Read once: the store an install may use is the one on the canister's own subnet.
                    status = status with { Subnet = (await connection.Agent.ReadSubnetAsync(Principal.Parse(canisterId), cancellationToken)).ToString() };
                }

                if (connection.ChunkStores.TryGetValue(status.Subnet, out var subnetStore))
                {
                    stepConnection = stepConnection! with { ChunkStore = subnetStore };
                }
                else if (plan.Step.Kind is CanisterStepKind.Install or CanisterStepKind.Upgrade && connection.AwaitsChunkStore(status.Subnet))
                {
                    // The subnet recorded in status wakes the network, which creates the store (or gives it up); either
                    // status change wakes this deployment through the watch on its network, so it is not requeued.
                    logger.LogInformation("CanisterDeployment {Namespace}/{Name}: {Step} waits for the chunk store of IcNetwork {Network} on subnet {Subnet}", @namespace, name, plan.Step.Kind, network!.Metadata.Name, status.Subnet);
                    // Recorded before the write, which wakes this deployment too: no wake reads the canister again.
                    if (observed is not null)
                    {
                        waits.Record(key, deploymentInputs, observed, ResyncInterval);
                    }

                    await WriteStatusAsync(deployment, lastWritten, status, plan, observed, cancellationToken);
                    return ReconcileResult.Done();
                }
            }

            var next = status;
            if (plan.Step.Kind != CanisterStepKind.None && stepConnection is not null)
            {
                var context = new CanisterActionContext
                {
                    Deployment = deployment,
                    Status = status,
                    Network = stepConnection,
                    CanisterId = canisterId is null ? null : Principal.Parse(canisterId),
                    Module = module,
                    Desired = desired,
                    Argument = argument,
                    Canister = observed,
                    Now = clock.GetUtcNow(),
                    Metrics = metrics,
                    WriteStatusAsync = async (s, ct) => lastWritten = await WriteStatusAsync(deployment, lastWritten, s, plan, observed, ct),
                };
                var action = actions.First(a => a.Steps.Contains(plan.Step.Kind));
                logger.LogInformation("CanisterDeployment {Namespace}/{Name}: {Step} ({State}): {Message}", @namespace, name, plan.Step.Kind, plan.State, plan.Message);
                var started = clock.GetTimestamp();
                var method = IcMethodOf(plan.Step.Kind, stepConnection.CyclesSource, deployment.Spec.Upgrade.HealthCheck?.Method);
                var auditDestination = AuditDestinationOf(network, stepConnection, deployment, context.CanisterId);
                try
                {
                    if (auditDestination is not null)
                    {
                        context = context with { Status = await audit.BeforeStepAsync(auditDestination, Audited(context, plan.Step, status), context.WriteStatusAsync, cancellationToken) };
                    }

                    if (plan.State == CanisterState.Upgrading && plan.Step.Kind is CanisterStepKind.Stop or CanisterStepKind.DeleteSnapshot or CanisterStepKind.TakeSnapshot && module is not null)
                    {
                        // The new version's chunks go up while the canister still runs: its downtime is stop, snapshot, install, start.
                        if (stepConnection.ChunkStore is { } store)
                        {
                            using var uploaded = await ModuleInstaller.LeaseChunksAsync(context, store, module, cancellationToken);
                        }
                        else if (observed is { Status: CanisterRunStatus.Running } && CanisterPlanner.InstallsChunked(input) && !chunksUploaded)
                        {
                            await ModuleInstaller.UploadToCanisterAsync(context, held: null, cancellationToken);
                            uploadedBeforeStop[key] = (canisterId, module.Sha256);
                            chunksUploaded = true;
                        }
                    }

                    context = context with { ChunksUploaded = chunksUploaded };

                    next = await action.ExecuteAsync(context, plan.Step, cancellationToken);
                    if (plan.Step.Kind == CanisterStepKind.Start && plan.State is CanisterState.Upgrading or CanisterState.InstallRejected
                        && !InstallsFromSharedStore(connection, status) && CanisterPlanner.InstallsChunked(input))
                    {
                        // The upgrade read its module from the canister's own store; it is cleared once the canister runs again.
                        await ModuleInstaller.ClearCanisterChunksAsync(context, cancellationToken);
                    }

                    if (plan.Step.Kind is CanisterStepKind.Install or CanisterStepKind.Upgrade && !CallInFlight(plan.Step.Kind, next))
                    {
                        // Installed (or refused): a later upgrade lists the canister's own store again.
                        uploadedBeforeStop.TryRemove(key, out _);
                    }

                    if (auditDestination is not null && !CallInFlight(plan.Step.Kind, next))
                    {
                        // A call whose outcome is still unknown keeps its announcement pending until the outcome is read.
                        next = await audit.AfterStepAsync(auditDestination, Audited(context, plan.Step, next), cancellationToken);
                    }

                    if (method is not null)
                    {
                        var result = next.LastOperation?.Step is OperationStep.InstallRejected ? "rejected" : CallInFlight(plan.Step.Kind, next) ? "unknown" : "replied";
                        metrics.ObserveIcCall(method, result, clock.GetElapsedTime(started));
                    }
                }
                catch (Exception e) when (method is not null && e is not OperationCanceledException && ObserveFailure(method, e, started))
                {
                    throw;
                }
                catch (IcRejectException e)
                {
                    var problem = $"{plan.Step.Kind} of canister {canisterId} was rejected ({e.ErrorCode ?? e.RejectCode.ToString()}): {e.RejectMessage}";
                    events.Record(deployment, EventTypes.Warning, "StepRejected", plan.Step.Kind.ToString(), problem);
                    return ReconcileResult.Error(problem);
                }

                var call = plan.Step.Kind == CanisterStepKind.CallMethod
                    ? (plan.Step.PreDelete ? next.PreDeleteCalls : next.LastOperation?.Calls ?? []).FirstOrDefault(c => c.Name == plan.Step.CallName)
                    : null;
                // A failed operation makes the steps handling it warnings until it has ended (its result recorded), and never the
                // deletion of the canister: what comes after it (settings, pruning, deletion) is reported as what it is.
                var warning = plan.Step.Result is OperationResult.Failed or OperationResult.RolledBack
                    || (!deleting && next.LastOperation is { Result: null, Step: OperationStep.Unhealthy or OperationStep.InstallRejected })
                    || call?.Result is CallResult.Rejected or CallResult.Unknown;
                var note = next.LastOperation is { Step: OperationStep.Unhealthy or OperationStep.InstallRejected } op && plan.Step.Kind is CanisterStepKind.VerifyHealth or CanisterStepKind.Install or CanisterStepKind.Upgrade or CanisterStepKind.UpgradeThroughUpgrader
                    ? op.Message ?? plan.Message
                    : call is not null ? $"{plan.Message} {call.Result}: {call.Message}"
                    : plan.Message;
                // Each declared call is its own action: a series folds repeats of one call, never one call into another's note.
                var eventAction = plan.Step.CallName is { } callName ? $"{plan.Step.Kind}/{callName}" : plan.Step.Kind.ToString();
                events.Record(deployment, warning ? EventTypes.Warning : EventTypes.Normal, plan.Reason, eventAction, note);
            }
            else if (plan.Stalled && Conditions.Find(status.Conditions, ConditionTypes.Stalled) is not { Status: ConditionStatus.True })
            {
                events.Record(deployment, EventTypes.Warning, plan.Reason, "Plan", plan.Message);
            }

            var written = await WriteStatusAsync(deployment, lastWritten, next, plan, observed, cancellationToken);
            var healthPending = plan.Step.Kind == CanisterStepKind.VerifyHealth && written.LastOperation?.Step == status.LastOperation?.Step;
            var callInFlight = CallInFlight(plan.Step.Kind, written);
            if (pass < MaxStepsPerReconcile && !healthPending
                && (ObservationAfter(plan.Step, status, written, observed) ?? ObservationAfterCreate(deployment.Spec, plan.Step, status, written, stepConnection)) is { } after)
            {
                (observed, status, lastWritten) = (after, written, written);
                continue;
            }

            metrics.RecordDeployment(@namespace, name, observed is null or { ImpliedByCreate: true } ? written : written with { Cycles = observed.Cycles.ToString(CultureInfo.InvariantCulture) });
            if (plan.Ready && plan.Step.Kind == CanisterStepKind.None)
            {
                inSync.Record(key, InputsOn(written.Subnet), ResyncInterval);
            }

            if ((healthPending || callInFlight) && observed is not null)
            {
                // Neither a health check nor a call still in flight changed the canister: the wake after the wait plans on this observation.
                waits.Record(key, deploymentInputs, observed, ResyncInterval);
            }

            return healthPending || callInFlight ? ReconcileResult.RequeueAfter(WaitInterval)
                : plan.Step.Kind != CanisterStepKind.None ? ReconcileResult.RequeueAfter(StepInterval)
                : plan.Stalled ? ReconcileResult.Done()
                : plan.Ready ? ReconcileResult.RequeueAfter(ResyncInterval)
                : WaitsForReference(connection, availability, moduleUnavailable) ? ReconcileResult.Done()
                : ReconcileResult.RequeueAfter(WaitInterval);
        }
    }

    public Task DeletedAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        inSync.Forget(key);
        waits.Forget(key);
        uploadedBeforeStop.TryRemove(key, out _);
        metrics.ForgetDeployment(key.Namespace, key.Name, null);
        return Task.CompletedTask;
    }

    /// <summary>Whether the copy is behind this controller's own last status write: told by the cache when it is fed one, else by a GET.</summary>
    private async Task<bool> IsStaleAsync(CanisterDeployment cached, CancellationToken cancellationToken)
    {
        if (ownWrites is not null)
        {
            return ownWrites.IsBehind(cached);
        }

        var current = await client.TryGetAsync(OperatorResources.CanisterDeployments, cached.Metadata.Name!, cached.Metadata.NamespaceProperty, cancellationToken);
        return current is not null && current.Metadata.ResourceVersion != cached.Metadata.ResourceVersion;
    }

    /// <summary>
    /// Whether what the deployment waits for is a Kubernetes object (its network becoming Ready, its audit log, its
    /// template verified): the watches on IcNetworks, WasmTemplates and Secrets wake it when that changes.
    /// </summary>
    private static bool WaitsForReference(NetworkConnection? connection, TemplateAvailability availability, bool moduleUnavailable) =>
        !moduleUnavailable && (connection is null || availability != TemplateAvailability.Verified);

    /// <summary>
    /// The balance status reports: a canister burns cycles all the time, so status follows it only once it moved by
    /// 1% or more; otherwise every resync would write status. The exact balance is the ic_operator_canister_cycles metric.
    /// </summary>
    internal static string ReportedCycles(string? reported, UInt128 observed)
    {
        if (!UInt128.TryParse(reported, NumberStyles.None, CultureInfo.InvariantCulture, out var previous))
        {
            return observed.ToString(CultureInfo.InvariantCulture);
        }

        var moved = observed > previous ? observed - previous : previous - observed;
        return moved * 100 < previous || moved == 0 ? reported! : observed.ToString(CultureInfo.InvariantCulture);
    }

    private static bool IsInFlight(CanisterDeploymentStatus status, CanisterStep step) =>
        (step.PreDelete ? status.PreDeleteCalls : status.LastOperation?.Calls ?? []).Any(c => c.Name == step.CallName && c.SentAt is not null && c.Result is null);

    /// <summary>Writes status as a patch from <paramref name="previous"/>, the status last read or written in this reconcile.</summary>
    private async Task<CanisterDeploymentStatus> WriteStatusAsync(CanisterDeployment deployment, CanisterDeploymentStatus? previous, CanisterDeploymentStatus status, CanisterPlan plan, ObservedCanister? observed, CancellationToken cancellationToken)
    {
        var generation = deployment.Metadata.Generation ?? 0;
        var result = status with
        {
            ObservedGeneration = generation,
            LastHandledReconcileAt = deployment.Metadata.Annotations.ValueOrDefault(Annotations.ReconcileRequestedAt) ?? status.LastHandledReconcileAt,
            Phase = plan.Phase,
            CanisterStatus = observed?.Status.ToString().ToLowerInvariant() ?? status.CanisterStatus,
            Cycles = observed is null or { ImpliedByCreate: true } ? status.Cycles : ReportedCycles(status.Cycles, observed.Cycles),
            MemorySize = observed is null or { ImpliedByCreate: true } ? status.MemorySize : observed.MemorySize.ToString(CultureInfo.InvariantCulture),
            Conditions = Conditions.Summarise(status.Conditions, plan.Ready, plan.Reconciling, plan.Stalled, plan.Reason, plan.Message, generation, clock.GetUtcNow()),
        };
        if (await StatusPatch.SendAsync(client, OperatorResources.CanisterDeployments, deployment.Metadata.Name!, deployment.Metadata.NamespaceProperty, previous, result, OperatorJsonContext.Default.CanisterDeploymentStatus, cancellationToken) is { } written)
        {
            ownWrites?.Expect(written);
        }

        return result;
    }

    /// <summary>
    /// The recorded snapshots the IC's list still holds. One deleted by someone else is forgotten when the list is read:
    /// kept, it would hold status above the retention, and every resync would list snapshots again.
    /// </summary>
    private static List<SnapshotRecord> RecordedSnapshotsStillHeld(CanisterDeploymentStatus status, ObservedCanister listed) =>
        [.. status.Snapshots.Where(s => listed.Snapshots.Any(held => string.Equals(held.Id, s.Id, StringComparison.OrdinalIgnoreCase)))];

    private async Task<(TemplateAvailability Availability, WasmVersion? Version)> ResolveTemplateAsync(CanisterDeployment deployment, string @namespace, CancellationToken cancellationToken) =>
        DeploymentInputs.Template(await references.TemplateAsync(@namespace, deployment.Spec.Template.Name, cancellationToken), deployment.Spec.Template);

    private static DesiredModule Desired(string version, WasmModule module) => new()
    {
        Version = version,
        Sha256 = module.Sha256,
        Size = module.Size,
        ChunkHashes = module.ChunkHashes,
        EnhancedOrthogonalPersistence = module.Section(WasmMetadataReader.EnhancedOrthogonalPersistence) is not null,
    };

    /// <summary>Whether the new module's candid:service is a subtype of the running version's.</summary>
    private async Task<GateResult> InterfaceGateAsync(CanisterDeployment deployment, string @namespace, CanisterDeploymentStatus status, WasmModule next, CancellationToken cancellationToken)
    {
        if (!deployment.Spec.Upgrade.CheckInterface || status.Version is null || status.Version == deployment.Spec.Template.Version
            || next.Section(WasmMetadataReader.CandidService) is not { } nextService)
        {
            return GateResult.Pass;
        }

        var template = await references.TemplateAsync(@namespace, deployment.Spec.Template.Name, cancellationToken);
        if (template?.Spec.Versions.FirstOrDefault(v => v.Version == status.Version) is not { } running)
        {
            return GateResult.Pass;
        }

        try
        {
            var current = await modules.GetAsync(@namespace, deployment.Spec.Template.Name, running, cancellationToken);
            if (current.Section(WasmMetadataReader.CandidService) is not { } currentService)
            {
                return GateResult.Pass;
            }

            var problems = ServiceCompatibility.Check(currentService.Text, nextService.Text);
            return problems.Count == 0 ? GateResult.Pass : GateResult.Fail(string.Join("; ", problems));
        }
        catch (Exception e) when (e is WasmException or CandidException)
        {
            logger.LogWarning("CanisterDeployment {Namespace}/{Name}: interface of the running version {Version} cannot be read: {Problem}", @namespace, deployment.Metadata.Name, status.Version, e.Message);
            return GateResult.Pass;
        }
    }

    /// <summary>Whether the canister's installs read from its subnet's shared store, so its own chunk store holds nothing of them.</summary>
    private static bool InstallsFromSharedStore(NetworkConnection? connection, CanisterDeploymentStatus status) =>
        connection is { SharedChunkStore: true } && status.Subnet is { } subnet && connection.ChunkStores.ContainsKey(subnet);

    /// <summary>
    /// For spec.upgrade.snapshotBeforeStop: whether the module the canister runs before an upgrade can make calls, read
    /// from the template version with that module hash; null when no version has it or the option is off.
    /// </summary>
    private async Task<bool?> RunningModuleCanMakeCallsAsync(CanisterDeployment deployment, string @namespace, ObservedCanister? observed, DesiredModule? desired, CancellationToken cancellationToken)
    {
        if (deployment.Spec.Upgrade is not { Snapshot: true, SnapshotBeforeStop: true } || observed?.ModuleHash is not { } running
            || desired is null || string.Equals(running, desired.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var template = await references.TemplateAsync(@namespace, deployment.Spec.Template.Name, cancellationToken);
        if (template?.Spec.Versions.FirstOrDefault(v => string.Equals(v.Sha256, running, StringComparison.OrdinalIgnoreCase)) is not { } version)
        {
            return null;
        }

        try
        {
            return (await modules.GetAsync(@namespace, deployment.Spec.Template.Name, version, cancellationToken)).CanMakeCalls;
        }
        catch (WasmException e)
        {
            logger.LogWarning("CanisterDeployment {Namespace}/{Name}: running version {Version} cannot be read to see whether it makes calls: {Problem}", @namespace, deployment.Metadata.Name, version.Version, e.Message);
            return null;
        }
    }

    /// <summary>Where this deployment's steps are recorded: its network's audit log, unless it is that log's own deployment or has no canister yet.</summary>
    private static AuditDestination? AuditDestinationOf(IcNetwork? network, NetworkConnection? connection, CanisterDeployment deployment, Principal? canister)
    {
        var log = network?.Spec.AuditLog is null ? null : network.Spec.AuditLog.CanisterId ?? network.Status?.AuditLog?.CanisterId;
        return log is null || connection is null || canister is null || deployment.Metadata.Labels?.ContainsKey(AuditLogDeployment.Label) == true
            ? null
            : new AuditDestination(connection, Principal.Parse(log), deployment.Metadata.Uid ?? $"{deployment.Metadata.NamespaceProperty}/{deployment.Metadata.Name}");
    }

    private static AuditedStep Audited(CanisterActionContext context, CanisterStep step, CanisterDeploymentStatus status) => new()
    {
        Caller = Principal.Parse(context.Network.OperatorPrincipal),
        Canister = context.RequireCanister(),
        Step = step,
        Spec = context.Deployment.Spec,
        Status = status,
        DesiredModuleHash = context.Desired?.Sha256,
        Argument = context.Argument,
        ControllersAfterStep = step.AddController is not null ? UpdateSettingsAction.ControllersFor(context, step) : null,
    };

    /// <summary>
    /// The network's upgrader this deployment's upgrades go through: the chunk-store canister on its subnet (the one
    /// spec.create.subnet names, or the network's only one, before the canister's subnet is known) when it runs the
    /// operator's upgrader. On a network with an audit log, the stop, snapshot and start it runs are announced before the call.
    /// </summary>
    private static Principal? UpgraderOf(NetworkConnection? connection, CanisterDeployment deployment, CanisterDeploymentStatus status)
    {
        if (connection is not { SharedChunkStore: true, Upgraders.Count: > 0 } shared)
        {
            return null;
        }

        var subnet = SubnetOf(deployment, status);
        return subnet is not null ? shared.Upgraders.GetValueOrDefault(subnet)
            : shared.ChunkStores.Count == 1 && shared.Upgraders.Count == 1 ? shared.Upgraders.Values.Single()
            : null;
    }

    /// <summary>The subnet the deployment's canister is on (recorded in status), or the one spec.create.subnet names; null when neither.</summary>
    private static string? SubnetOf(CanisterDeployment deployment, CanisterDeploymentStatus status) =>
        status.Subnet ?? (deployment.Spec.Create.Subnet is { Length: > 0 } named ? named : null);

    /// <summary>
    /// The store the deployment's next install will read from, as far as it is known before the canister's subnet is:
    /// the one on its subnet, else the network's only one; null when the network has none there yet.
    /// </summary>
    private static NetworkChunkStore? ChunkStoreAhead(NetworkConnection connection, CanisterDeployment deployment, CanisterDeploymentStatus status) =>
        SubnetOf(deployment, status) is { } subnet ? connection.ChunkStores.GetValueOrDefault(subnet)
        : connection.ChunkStores.Count == 1 ? connection.ChunkStores.Values.Single()
        : null;

    /// <summary>
    /// Whether the deployment is going to put <paramref name="module"/> on its canister: it manages it and the canister
    /// does not run that module, nor has the version failed. The network keeps its store from being cleared meanwhile.
    /// </summary>
    private static bool WillInstall(CanisterDeployment deployment, CanisterDeploymentStatus status, WasmModule module) =>
        deployment.Spec is { ManagementPolicy: ManagementPolicy.Full, Suspend: false }
        && !string.Equals(status.ModuleHash, module.Sha256, StringComparison.OrdinalIgnoreCase)
        && status.FailedVersion != deployment.Spec.Template.Version;

    /// <summary>Whether the step installs from the network's chunk store, or uploads to it before an upgrade stops the canister.</summary>
    private static bool UsesChunkStore(CanisterPlan plan) =>
        plan.Step.Kind is CanisterStepKind.Install or CanisterStepKind.Upgrade or CanisterStepKind.UpgradeThroughUpgrader
        || (plan.State == CanisterState.Upgrading && plan.Step.Kind is CanisterStepKind.Stop or CanisterStepKind.DeleteSnapshot or CanisterStepKind.TakeSnapshot);

    /// <summary>Whether the step left its recorded request in flight: its outcome is read again after a wait, not sent anew.</summary>
    private static bool CallInFlight(CanisterStepKind step, CanisterDeploymentStatus status) => step switch
    {
        CanisterStepKind.Create => status.PendingCreate?.Call is not null,
        CanisterStepKind.Install or CanisterStepKind.Upgrade or CanisterStepKind.UpgradeThroughUpgrader or CanisterStepKind.TakeSnapshot => status.LastOperation?.Call is not null,
        _ => false,
    };

    /// <summary>The create, install or snapshot request recorded in status before it was sent, whose outcome a wait reads back.</summary>
    private static RecordedCall? RecordedCallOf(CanisterDeploymentStatus status) => status.PendingCreate?.Call ?? status.LastOperation?.Call;

    /// <summary>The module an install or upgrade request puts in, as recorded in the operation before the request was sent.</summary>
    private static string? InstalledModuleOf(RecordedCall call, CanisterDeploymentStatus status) =>
        call.Method is "install_code" or "install_chunked_code" && status.PendingCreate is null ? status.LastOperation?.ToModuleHash : null;

    /// <summary>The IC method a step calls, for the latency metric; null for steps that only write status.</summary>
    private static string? IcMethodOf(CanisterStepKind step, CyclesSource source, string? healthMethod) => step switch
    {
        CanisterStepKind.Create => source == CyclesSource.CyclesLedger ? "create_canister" : "provisional_create_canister_with_cycles",
        CanisterStepKind.Install or CanisterStepKind.Upgrade => "install_code",
        CanisterStepKind.UpgradeThroughUpgrader => UpgraderCalls.UpgradeMethod,
        CanisterStepKind.TakeSnapshot => "take_canister_snapshot",
        CanisterStepKind.DeleteSnapshot => "delete_canister_snapshot",
        CanisterStepKind.LoadSnapshot => "load_canister_snapshot",
        CanisterStepKind.UpdateSettings => "update_settings",
        CanisterStepKind.DeleteCanister => "delete_canister",
        CanisterStepKind.Start => "start_canister",
        CanisterStepKind.Stop => "stop_canister",
        CanisterStepKind.VerifyHealth => healthMethod,
        _ => null,
    };

    /// <summary>Records a failed call's latency; returns false so the exception continues to the handlers below.</summary>
    private bool ObserveFailure(string method, Exception e, long started)
    {
        metrics.ObserveIcCall(method, e is IcRejectException ? "rejected" : "error", clock.GetElapsedTime(started));
        return false;
    }

    /// <summary>
    /// The canister as it is after a step whose effect is known: unchanged after a status write or the health query,
    /// stopped after a stop (stop_canister answers once it is), running after a start, with the new module after an
    /// install the IC answered, with the snapshot taken or without the one deleted. Null when the step's effect is not
    /// known for certain (a create, a call in flight, a reject, settings), so the next reconcile reads the IC again.
    /// </summary>
    private static ObservedCanister? ObservationAfter(CanisterStep step, CanisterDeploymentStatus before, CanisterDeploymentStatus after, ObservedCanister? observed)
    {
        if (observed is not { Exists: true, OperatorIsController: true })
        {
            return null;
        }

        return step.Kind switch
        {
            CanisterStepKind.Adopt or CanisterStepKind.BeginOperation or CanisterStepKind.BeginRollback or CanisterStepKind.CompleteOperation
                or CanisterStepKind.RecordVersion or CanisterStepKind.VerifyHealth => observed,

            // Only the recording of a canister an earlier attempt created at the chosen id, which is the one observed.
            CanisterStepKind.Create when before.PendingCreate?.SpecifiedId == observed.CanisterId && after.CanisterId == observed.CanisterId => observed,
            CanisterStepKind.Stop => observed with { Status = CanisterRunStatus.Stopped },

            // The upgrader added before an upgrade through it: the upgrade goes on without reading the canister again.
            CanisterStepKind.UpdateSettings when step.AddController is { } added
                => observed with { Settings = observed.Settings with { Controllers = [.. observed.Settings.Controllers.Where(c => c != added), added] } },
            CanisterStepKind.Start => observed with { Status = CanisterRunStatus.Running },

            // A request sent in this step (none was recorded before it) that the IC answered: the module is in.
            CanisterStepKind.Install or CanisterStepKind.Upgrade when before.LastOperation is { Call: null } && after.LastOperation is { Call: null, ToModuleHash: { } installed } operation
                && operation.Step != OperationStep.InstallRejected => observed with { ModuleHash = installed },
            CanisterStepKind.TakeSnapshot when after.LastOperation is { Call: null, SnapshotId: { } taken } && after.Snapshots.FirstOrDefault(s => s.Id == taken) is { } record
                => observed with { Snapshots = [.. observed.Snapshots.Where(s => s.Id != taken), new ObservedSnapshot(taken, record.TakenAt ?? DateTimeOffset.UnixEpoch, 0)] },
            CanisterStepKind.DeleteSnapshot => observed with { Snapshots = [.. observed.Snapshots.Where(s => !string.Equals(s.Id, step.SnapshotId, StringComparison.OrdinalIgnoreCase))] },
            _ => null,
        };
    }

    /// <summary>
    /// The canister a create sent in this step made, as its reply implies (<see cref="CreatedCanister"/>): the controllers
    /// and settings it passed, so the install follows without a canister_status. Null for a create whose request was
    /// recorded before (an earlier attempt or a restart, which may have sent other settings: it is read), one still in
    /// flight, and one that only recorded a canister found at the chosen id.
    /// </summary>
    private static ObservedCanister? ObservationAfterCreate(CanisterDeploymentSpec spec, CanisterStep step, CanisterDeploymentStatus before, CanisterDeploymentStatus after, NetworkConnection? network) =>
        step.Kind == CanisterStepKind.Create && network is not null && before.PendingCreate is null && string.IsNullOrEmpty(before.CanisterId)
            && after is { PendingCreate: null, CanisterId: { Length: > 0 } created }
            ? CreatedCanister.Implied(created, spec.Settings, CreateAction.ControllersFor(spec, network).Select(c => c.ToString()), network.CyclesSource)
            : null;

    private static string? CanisterIdOf(CanisterDeployment deployment, CanisterDeploymentStatus status) =>
        status.CanisterId is { Length: > 0 } recorded ? recorded : deployment.Spec.CanisterId is { Length: > 0 } adopted ? adopted : null;

    /// <summary>canister_status only; the snapshot list is read when a step needs it (<see cref="SnapshotListing"/>).</summary>
    private static async Task<ObservedCanister> ObserveAsync(NetworkConnection connection, Principal canister, CancellationToken cancellationToken)
    {
        try
        {
            var status = await connection.Management.CanisterStatusAsync(canister, cancellationToken);
            return SettingsConversion.Observe(canister, status);
        }
        catch (IcRejectException e) when (e.RejectCode == Agent.Responses.RejectCode.DestinationInvalid)
        {
            return new ObservedCanister { CanisterId = canister.ToString(), Exists = false };
        }
        catch (IcRejectException e) when (e.RejectMessage.Contains("controller", StringComparison.OrdinalIgnoreCase))
        {
            return new ObservedCanister { CanisterId = canister.ToString(), OperatorIsController = false };
        }
    }
}
