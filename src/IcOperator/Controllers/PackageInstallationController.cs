using System.Text.Json;
using System.Text.Json.Nodes;
using IcOperator.Api;
using IcOperator.Api.V1Alpha1;
using IcOperator.Candid;
using IcOperator.Kube.Client;
using IcOperator.Kube.Events;
using IcOperator.Kube.Reconciliation;
using IcOperator.Kube.Resources;
using IcOperator.Orchestration;
using IcOperator.Orchestration.Packages;
using IcOperator.Wasm;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace IcOperator.Controllers;

/// <summary>
/// Reconciles PackageInstallations: read the package, its dependencies, templates and component
/// CanisterDeployments → plan (pure) → run one step → write status. The package never calls the IC itself:
/// every canister change is made by a component's CanisterDeployment, which the package owns.
/// </summary>
internal sealed class PackageInstallationController(
    IKubeClient client,
    VerifiedModuleStore modules,
    IEventRecorder events,
    TimeProvider clock,
    ILogger<PackageInstallationController> logger,
    IReferencedObjects? references = null,
    OwnStatusWrites? ownWrites = null) : IReconciler<PackageInstallation>
{
    private readonly IReferencedObjects references = references ?? new LiveReferences(client);

    public const string ControllerName = "packageinstallation";

    /// <summary>How soon the next step runs after one completed.</summary>
    public static readonly TimeSpan StepInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// How soon a package looks again for a component's module that could not be fetched. Waits on objects (components,
    /// dependencies, templates, the network) are not timed: the watches on them wake the package.
    /// </summary>
    public static readonly TimeSpan WaitInterval = TimeSpan.FromSeconds(2);

    /// <summary>A principal that stands in for a canister id not known yet, when arguments are type-checked before install.</summary>
    private const string StandInPrincipal = "aaaaa-aa";

    public async Task<ReconcileResult> ReconcileAsync(PackageInstallation package, CancellationToken cancellationToken)
    {
        var @namespace = package.Metadata.NamespaceProperty ?? client.DefaultNamespace;
        var name = package.Metadata.Name!;
        var deleting = package.Metadata.DeletionTimestamp is not null;
        if (!deleting && !Finalizers.Has(package, Annotations.PackageFinalizer))
        {
            package = await Finalizers.EnsureAsync(client, OperatorResources.PackageInstallations, package, Annotations.PackageFinalizer, cancellationToken);
        }

        var status = package.Status ?? new PackageInstallationStatus();
        var network = await references.NetworkAsync(@namespace, package.Spec.NetworkRef.Name, cancellationToken);
        var networkReady = Conditions.Find(network?.Status?.Conditions, ConditionTypes.Ready) is { Status: ConditionStatus.True };
        var children = await ChildrenAsync(package, @namespace, cancellationToken);
        var packages = await references.PackagesAsync(@namespace, cancellationToken);
        var input = new PackagePlanInput
        {
            Name = name,
            Spec = package.Spec,
            Status = status,
            Generation = package.Metadata.Generation ?? 0,
            Deleting = deleting,
            Now = clock.GetUtcNow(),
            NetworkReady = networkReady,
            NetworkMessage = network is null
                ? $"IcNetwork {package.Spec.NetworkRef.Name} does not exist in this namespace"
                : Conditions.Find(network.Status?.Conditions, ConditionTypes.Ready)?.Message ?? "it has not been checked yet",
            OperatorPrincipal = network?.Status?.Principal,
            Dependencies = Dependencies(package, packages),
            DependencyCycle = DependencyGraph.FindCycle(name, n => packages.FirstOrDefault(p => p.Metadata.Name == n)?.Spec.DependsOn?.Select(d => d.Name).ToList()),
            Children = children,
        };
        var (templates, moduleUnavailable) = deleting ? ([], false) : await TemplatesAsync(input, @namespace, cancellationToken);
        input = input with { Templates = templates };
        var plan = PackagePlanner.Plan(input);

        if (plan.Step.Kind == PackageStepKind.RemoveFinalizer)
        {
            events.Record(package, EventTypes.Normal, plan.Reason, "Delete", plan.Message);
            await Finalizers.RemoveAsync(client, OperatorResources.PackageInstallations, package, Annotations.PackageFinalizer, cancellationToken);
            return ReconcileResult.Done();
        }

        if (plan.Step.Kind != PackageStepKind.None && await IsStaleAsync(package, cancellationToken))
        {
            // Steps are decided on the package's own last status write (the upgrade's progress), never on a cached copy
            // behind it; that write shows in the cache within moments, and a status write wakes no watch of the package.
            return ReconcileResult.RequeueAfter(StepInterval);
        }

        var next = status with { InstallationId = status.InstallationId ?? package.Metadata.Uid };
        var lastWritten = package.Status;
        if (plan.Step.Kind != PackageStepKind.None)
        {
            logger.LogInformation("PackageInstallation {Namespace}/{Name}: {Step} {Component}: {Message}", @namespace, name, plan.Step.Kind, plan.Step.Component, plan.Message);
            next = await ExecuteAsync(package, next, plan, input, async (s, ct) => lastWritten = await WriteStatusAsync(package, lastWritten, s, plan, children, ct), cancellationToken);
            var warning = plan.Stalled || plan.Step.Outcome is ComponentStep.Failed or ComponentStep.RestoreFailed || plan.Step.Result == OperationResult.Failed;
            // Each component's step is its own action: a series folds repeats for one component, never one into another's note.
            var eventAction = plan.Step.Component is { } component ? $"{plan.Step.Kind}/{component}" : plan.Step.Kind.ToString();
            events.Record(package, warning ? EventTypes.Warning : EventTypes.Normal, plan.Reason, eventAction, plan.Message);
        }
        else if ((plan.Stalled && Conditions.Find(status.Conditions, ConditionTypes.Stalled) is not { Status: ConditionStatus.True })
            || Conditions.Find(status.Conditions, ConditionTypes.Ready)?.Reason != plan.Reason)
        {
            events.Record(package, plan.Stalled ? EventTypes.Warning : EventTypes.Normal, plan.Reason, "Plan", plan.Message);
        }

        await WriteStatusAsync(package, lastWritten, next, plan, await ChildrenAsync(package, @namespace, cancellationToken), cancellationToken);
        return plan.Step.Kind != PackageStepKind.None ? ReconcileResult.RequeueAfter(StepInterval)
            : moduleUnavailable && !plan.Stalled ? ReconcileResult.RequeueAfter(WaitInterval)
            : ReconcileResult.Done();
    }

    public Task DeletedAsync(ObjectKey key, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Whether the copy is behind this controller's own last status write: told by the cache when it is fed one, else by a GET.</summary>
    private async Task<bool> IsStaleAsync(PackageInstallation cached, CancellationToken cancellationToken)
    {
        if (ownWrites is not null)
        {
            return ownWrites.IsBehind(cached);
        }

        var current = await client.TryGetAsync(OperatorResources.PackageInstallations, cached.Metadata.Name!, cached.Metadata.NamespaceProperty, cancellationToken);
        return current is not null && current.Metadata.ResourceVersion != cached.Metadata.ResourceVersion;
    }

    /// <summary>The packages that list <paramref name="dependency"/> in dependsOn: they wake when it changes.</summary>
    public static IEnumerable<ObjectKey> Dependents(PackageInstallation dependency, IEnumerable<PackageInstallation> all) =>
        all.Where(p => p.Metadata.NamespaceProperty == dependency.Metadata.NamespaceProperty && p.Spec.DependsOn?.Any(d => d.Name == dependency.Metadata.Name) == true)
            .Select(p => new ObjectKey(p.Metadata.NamespaceProperty ?? string.Empty, p.Metadata.Name!));

    private async Task<PackageInstallationStatus> ExecuteAsync(PackageInstallation package, PackageInstallationStatus status, PackagePlan plan, PackagePlanInput input, Func<PackageInstallationStatus, CancellationToken, Task> persist, CancellationToken cancellationToken)
    {
        var step = plan.Step;
        var @namespace = package.Metadata.NamespaceProperty ?? client.DefaultNamespace;
        var child = step.Component is null ? null : input.Children.GetValueOrDefault(step.Component);
        switch (step.Kind)
        {
            case PackageStepKind.CreateComponent:
                await CreateChildAsync(package, step.Component!, step.Deployment!, cancellationToken);
                return status;
            case PackageStepKind.UpdateComponent:
                await PatchChildAsync(@namespace, child!, SpecPatch(step.Deployment!), cancellationToken);
                return status;
            case PackageStepKind.BeginUpgrade:
                return status with
                {
                    Operation = new PackageOperation
                    {
                        Id = $"upgrade-{input.Generation}",
                        Generation = input.Generation,
                        StartedAt = input.Now,
                        Components = [.. step.Components],
                    },
                    FailedVersions = [],
                    FailedGeneration = null,
                };
            case PackageStepKind.UpgradeComponent:
                var upgrading = WithPart(status, step.Component!, p => p with { Step = ComponentStep.Upgrading });
                await persist(upgrading, cancellationToken);
                await PatchChildAsync(@namespace, child!, SpecPatch(step.Deployment!), cancellationToken);
                return upgrading;
            case PackageStepKind.RecordSnapshot:
                return WithPart(status, step.Component!, p => p with { SnapshotId = step.SnapshotId });
            case PackageStepKind.RecordComponent:
                return WithPart(status, step.Component!, p => p with { Step = step.Outcome!.Value, Message = step.Message ?? p.Message });
            case PackageStepKind.RestoreComponent:
                var restoring = WithPart(status, step.Component!, p => p with { Step = ComponentStep.Restoring });
                await persist(restoring, cancellationToken);
                await PatchChildAsync(@namespace, child!, RestorePatch(step.Version!, step.Restore!), cancellationToken);
                return restoring;
            case PackageStepKind.RevertComponent:
                await PatchChildAsync(@namespace, child!, VersionPatch(step.Version!), cancellationToken);
                return status;
            case PackageStepKind.CompleteUpgrade:
                var operation = status.Operation!;
                var failed = step.Result == OperationResult.Failed;
                return status with
                {
                    Operation = operation with { Result = step.Result, FinishedAt = input.Now, Message = step.Message },
                    FailedVersions = failed ? [.. operation.Components.Where(c => c.Step == ComponentStep.Failed).Select(c => new ComponentVersion { Name = c.Name, Version = c.To ?? string.Empty })] : [],
                    FailedGeneration = failed ? operation.Generation : null,
                };
            case PackageStepKind.DeleteComponent:
                await client.DeleteAsync(OperatorResources.CanisterDeployments, child!.Name, @namespace, cancellationToken: cancellationToken);
                return status;
            default:
                throw new InvalidOperationException($"PackageInstallation {@namespace}/{package.Metadata.Name}: no action for step {step.Kind}.");
        }
    }

    private static PackageInstallationStatus WithPart(PackageInstallationStatus status, string component, Func<ComponentOperation, ComponentOperation> change) =>
        status with { Operation = status.Operation! with { Components = [.. status.Operation.Components.Select(p => p.Name == component ? change(p) : p)] } };

    private async Task CreateChildAsync(PackageInstallation package, string component, CanisterDeploymentSpec spec, CancellationToken cancellationToken)
    {
        var deployment = new CanisterDeployment
        {
            Metadata = new V1ObjectMeta
            {
                Name = ComponentSpecs.DeploymentName(package.Metadata.Name!, component),
                NamespaceProperty = package.Metadata.NamespaceProperty,
                Labels = new Dictionary<string, string> { [Annotations.PackageLabel] = package.Metadata.Name!, [Annotations.ComponentLabel] = component },
            },
            Spec = spec,
        };
        OwnerReferences.SetControllerReference(OperatorResources.PackageInstallations, package, deployment);
        try
        {
            await client.CreateAsync(OperatorResources.CanisterDeployments, deployment, cancellationToken);
        }
        catch (KubeAlreadyExistsException)
        {
            // Created by a reconcile whose result was not seen (a restart): the next reconcile finds it.
        }
    }

    private Task<CanisterDeployment> PatchChildAsync(string @namespace, ObservedComponent child, JsonObject spec, CancellationToken cancellationToken) =>
        client.PatchAsync(OperatorResources.CanisterDeployments, child.Name, @namespace, KubePatch.Merge(new JsonObject { ["spec"] = spec }), cancellationToken: cancellationToken);

    private static JsonObject SpecPatch(CanisterDeploymentSpec spec) =>
        JsonSerializer.SerializeToNode(spec, OperatorJsonContext.Default.CanisterDeploymentSpec)!.AsObject();

    private static JsonObject VersionPatch(string version) => new() { ["template"] = new JsonObject { ["version"] = version } };

    private static JsonObject RestorePatch(string version, RestoreRequest restore)
    {
        var patch = VersionPatch(version);
        patch["restore"] = new JsonObject { ["snapshotId"] = restore.SnapshotId, ["requestedAt"] = restore.RequestedAt };
        return patch;
    }

    private async Task<IReadOnlyDictionary<string, ObservedComponent>> ChildrenAsync(PackageInstallation package, string @namespace, CancellationToken cancellationToken)
    {
        var components = await references.ComponentDeploymentsAsync(@namespace, package.Metadata.Name!, cancellationToken);
        return components
            .Where(d => OwnerReferences.ControllerOf(d)?.Uid == package.Metadata.Uid && d.Metadata.Labels?.ContainsKey(Annotations.ComponentLabel) == true)
            .Select(d => new ObservedComponent
            {
                Component = d.Metadata.Labels![Annotations.ComponentLabel],
                Name = d.Metadata.Name!,
                Spec = d.Spec,
                Status = d.Status ?? new CanisterDeploymentStatus(),
                Generation = d.Metadata.Generation ?? 0,
                Deleting = d.Metadata.DeletionTimestamp is not null,
            })
            .GroupBy(c => c.Component)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    private static List<DependencyObservation> Dependencies(PackageInstallation package, IReadOnlyList<PackageInstallation> packages) =>
        (package.Spec.DependsOn ?? []).Select(d =>
        {
            var dependency = packages.FirstOrDefault(p => p.Metadata.Name == d.Name && p.Metadata.DeletionTimestamp is null);
            var ready = Conditions.Find(dependency?.Status?.Conditions, ConditionTypes.Ready);
            return new DependencyObservation(
                d.Name,
                dependency is not null,
                ready is { Status: ConditionStatus.True } && ready.ObservedGeneration == dependency!.Metadata.Generation,
                ready?.Message ?? "not reconciled yet");
        }).ToList();

    /// <summary>Each component's template version, and its arguments type-checked with the facts known so far.</summary>
    /// <returns>The readiness by component, and whether a module could not be fetched (no watch tells when it can).</returns>
    private async Task<(Dictionary<string, ComponentReadiness> Templates, bool ModuleUnavailable)> TemplatesAsync(PackagePlanInput input, string @namespace, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, ComponentReadiness>(StringComparer.Ordinal);
        var unavailable = false;
        var previous = new List<(string, string)>();
        var user = Principal.TryParse(input.Spec.User, out _) ? input.Spec.User : StandInPrincipal;
        foreach (var component in input.Spec.Components)
        {
            var facts = new PackageFacts(user, input.OperatorPrincipal ?? StandInPrincipal, previous.ToList());
            (result[component.Name], var moduleUnavailable) = await ReadinessAsync(component, facts, @namespace, cancellationToken);
            unavailable |= moduleUnavailable;
            var canister = input.Children.GetValueOrDefault(component.Name)?.Status.CanisterId;
            previous.Add((component.Name, canister ?? StandInPrincipal));
        }

        return (result, unavailable);
    }

    private async Task<(ComponentReadiness Readiness, bool ModuleUnavailable)> ReadinessAsync(PackageComponent component, PackageFacts facts, string @namespace, CancellationToken cancellationToken)
    {
        var template = await references.TemplateAsync(@namespace, component.Template.Name, cancellationToken);
        var version = template?.Spec.Versions.FirstOrDefault(v => v.Version == component.Template.Version);
        if (template is null || version is null)
        {
            return (new ComponentReadiness(template is null ? TemplateAvailability.TemplateNotFound : TemplateAvailability.VersionMissing, GateResult.Pass), false);
        }

        var verified = template.Status?.Versions.Any(v => v.Version == version.Version && v.Phase == WasmVersionPhase.Verified && v.Sha256 == version.Sha256) == true;
        if (!verified || !Placeholders.Check([component]).Passed)
        {
            // Placeholders that refer to other components are checked by the planner against the whole list.
            return (new ComponentReadiness(verified ? TemplateAvailability.Verified : TemplateAvailability.NotVerified, GateResult.Pass), false);
        }

        WasmModule module;
        try
        {
            module = await modules.GetAsync(@namespace, component.Template.Name, version, cancellationToken);
        }
        catch (WasmException e)
        {
            logger.LogWarning("Module of {Template} version {Version} unavailable: {Problem}", component.Template.Name, version.Version, e.Message);
            return (new ComponentReadiness(TemplateAvailability.NotVerified, GateResult.Pass), true);
        }

        var checks = new (string Field, Func<byte[]> Encode)[]
        {
            ("arg", () => CandidArguments.EncodeInit(component.Arg is null ? null : Placeholders.Substitute(component.Arg, facts), module)),
            ("init.arg", () => component.Init is { } init ? CandidArguments.EncodeCall(Placeholders.Substitute(init.Arg, facts), init.Method, module) : []),
            ("deinit.arg", () => component.Deinit is { } deinit ? CandidArguments.EncodeCall(Placeholders.Substitute(deinit.Arg, facts), deinit.Method, module) : []),
        };
        foreach (var (field, encode) in checks)
        {
            try
            {
                encode();
            }
            catch (CandidException e)
            {
                return (new ComponentReadiness(TemplateAvailability.Verified, GateResult.Fail($"{field} does not type-check against {component.Template.Name} {component.Template.Version}: {e.Message}")), false);
            }
        }

        return (ComponentReadiness.Verified, false);
    }

    private async Task<PackageInstallationStatus> WriteStatusAsync(PackageInstallation package, PackageInstallationStatus? previous, PackageInstallationStatus status, PackagePlan plan, IReadOnlyDictionary<string, ObservedComponent> children, CancellationToken cancellationToken)
    {
        var generation = package.Metadata.Generation ?? 0;
        var components = package.Spec.Components.Select(c => children.GetValueOrDefault(c.Name) is { } child
            ? new ComponentStatus { Name = c.Name, Deployment = child.Name, CanisterId = child.Status.CanisterId, Version = child.Status.Version, Phase = child.Status.Phase }
            : new ComponentStatus { Name = c.Name }).ToList();
        var ready = package.Spec.Components.Count(c => children.GetValueOrDefault(c.Name)?.Ready == true);
        var result = status with
        {
            ObservedGeneration = generation,
            LastHandledReconcileAt = package.Metadata.Annotations.ValueOrDefault(Annotations.ReconcileRequestedAt) ?? status.LastHandledReconcileAt,
            InstallationId = status.InstallationId ?? package.Metadata.Uid,
            Components = components,
            Ready = $"{ready}/{package.Spec.Components.Count}",
            Phase = plan.Phase,
            Conditions = Conditions.Summarise(status.Conditions, plan.Ready, plan.Reconciling, plan.Stalled, plan.Reason, plan.Message, generation, clock.GetUtcNow()),
        };
        if (await StatusPatch.SendAsync(client, OperatorResources.PackageInstallations, package.Metadata.Name!, package.Metadata.NamespaceProperty, previous, result, OperatorJsonContext.Default.PackageInstallationStatus, cancellationToken) is { } written)
        {
            ownWrites?.Expect(written);
        }

        return result;
    }
}
