using IcOperator.Api.V1Alpha1;
using IcOperator.Candid;
using R = IcOperator.Api.V1Alpha1.PackageInstallationReasons;

namespace IcOperator.Orchestration.Packages;

/// <summary>
/// Decides the one next step for a PackageInstallation from the package and its components' CanisterDeployments.
/// Pure: no I/O. Components are installed in order, each once the one before it is Ready; an upgrade is one unit
/// (recorded in status.operation before each step) that restores every component it upgraded when one fails;
/// removal goes last to first.
/// </summary>
internal static class PackagePlanner
{
    public static PackagePlan Plan(PackagePlanInput input)
    {
        if (input.Deleting)
        {
            return PlanRemoval(input);
        }

        if (Validate(input) is { } invalid)
        {
            return invalid;
        }

        if (input.DependencyCycle is { } cycle)
        {
            return Stall(R.DependencyCycle, $"spec.dependsOn: the packages depend on each other in a cycle ({string.Join(" → ", cycle)}), so none can be installed.");
        }

        for (var i = 0; i < input.Dependencies.Count; i++)
        {
            var dependency = input.Dependencies[i];
            if (!dependency.Exists)
            {
                return Wait(R.DependencyNotFound, $"spec.dependsOn[{i}].name: PackageInstallation {dependency.Name} does not exist in this namespace; installed components are left as they are.");
            }

            if (!dependency.Ready)
            {
                return Wait(R.DependencyNotReady, $"spec.dependsOn[{i}].name: waiting for PackageInstallation {dependency.Name} to be Ready ({dependency.Message}).");
            }
        }

        if (!input.NetworkReady || input.OperatorPrincipal is null)
        {
            return Wait(R.NetworkNotReady, $"IcNetwork {input.Spec.NetworkRef.Name} is not Ready: {input.NetworkMessage}");
        }

        if (CheckTemplates(input) is { } template)
        {
            return template;
        }

        if (input.Status.Operation is { Result: null } operation)
        {
            return operation.Components.Any(c => c.Step is ComponentStep.Failed or ComponentStep.Restoring or ComponentStep.Restored or ComponentStep.RestoreFailed)
                ? PlanRestore(input, operation)
                : PlanUpgrade(input, operation);
        }

        return PlanSteadyState(input);
    }

    /// <summary>The package's CanisterDeployments, last component first, each deleted once the one after it is gone.</summary>
    private static PackagePlan PlanRemoval(PackagePlanInput input)
    {
        var order = input.Spec.Components.Select(c => c.Name).ToList();
        var children = input.Children.Values
            .OrderByDescending(c => order.IndexOf(c.Component) is var i and >= 0 ? i : int.MaxValue)
            .ToList();
        foreach (var child in children)
        {
            return child.Deleting
                ? Wait(R.Deleting, $"Waiting for component {child.Component} (CanisterDeployment {child.Name}) to be removed: {child.Message}", CanisterPhase.Deleting)
                : Step(R.Deleting, $"Removing component {child.Component} (CanisterDeployment {child.Name}).", CanisterPhase.Deleting, new PackageStep(PackageStepKind.DeleteComponent) { Component = child.Component });
        }

        return Step(R.Deleting, "Every component is removed; removing the finalizer.", CanisterPhase.Deleting, new PackageStep(PackageStepKind.RemoveFinalizer));
    }

    /// <summary>Bad input the schema cannot refuse: each names the field, and nothing is created while it stands.</summary>
    private static PackagePlan? Validate(PackagePlanInput input)
    {
        var components = input.Spec.Components;
        var duplicate = components.Select((c, i) => (c.Name, i)).GroupBy(c => c.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            return Stall(R.InvalidSpec, $"spec.components: the name {duplicate.Key} is used by components {string.Join(" and ", duplicate.Select(d => d.i))}; component names must be unique.");
        }

        if (!Principal.TryParse(input.Spec.User, out _))
        {
            return Stall(R.InvalidUser, $"spec.user: \"{input.Spec.User}\" is not a principal (a textual principal with a valid checksum, such as 2vxsx-fae).");
        }

        var placeholders = Placeholders.Check(components);
        return placeholders.Passed ? null : Stall(R.InvalidPlaceholder, placeholders.Message);
    }

    private static PackagePlan? CheckTemplates(PackagePlanInput input)
    {
        var components = input.Spec.Components;
        for (var i = 0; i < components.Count; i++)
        {
            var component = components[i];
            var field = $"spec.components[{i}].template ({component.Name})";
            var readiness = input.Templates.GetValueOrDefault(component.Name) ?? new ComponentReadiness(TemplateAvailability.NotVerified, GateResult.Pass);
            switch (readiness.Template)
            {
                case TemplateAvailability.TemplateNotFound:
                    return Wait(R.TemplateNotFound, $"{field}: WasmTemplate {component.Template.Name} does not exist in this namespace.");
                case TemplateAvailability.VersionMissing:
                    return Wait(R.TemplateVersionMissing, $"{field}: WasmTemplate {component.Template.Name} does not list version {component.Template.Version}.");
                case TemplateAvailability.NotVerified:
                    return Wait(R.TemplateVersionNotVerified, $"{field}: WasmTemplate {component.Template.Name} version {component.Template.Version} is not verified yet.");
            }

            if (!readiness.Arguments.Passed)
            {
                return Stall(R.InvalidArgument, $"spec.components[{i}] ({component.Name}): {readiness.Arguments.Message}");
            }
        }

        return null;
    }

    private static PackagePlan PlanSteadyState(PackagePlanInput input)
    {
        var components = input.Spec.Components;
        var names = components.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        if (input.Children.Values.FirstOrDefault(c => !names.Contains(c.Component) && !c.Deleting) is { } removed)
        {
            return Step(R.Installing, $"Component {removed.Component} is no longer declared; removing CanisterDeployment {removed.Name}.", CanisterPhase.Installing, new PackageStep(PackageStepKind.DeleteComponent) { Component = removed.Component });
        }

        var changing = components
            .Where(c => input.Children.TryGetValue(c.Name, out var child) && child.Spec.Template.Version != c.Template.Version)
            .Select(c => new ComponentOperation { Name = c.Name, From = input.Children[c.Name].Spec.Template.Version, To = c.Template.Version })
            .ToList();
        if (changing.Count > 0)
        {
            if (input.Status.FailedGeneration == input.Generation && input.Status.FailedVersions.Count > 0)
            {
                return Stall(R.VersionsFailed, $"The upgrade to {Versions(input.Status.FailedVersions)} failed and every component it upgraded was restored; it is not retried until the spec changes. {input.Status.Operation?.Message}", CanisterPhase.Failed);
            }

            return input.Spec.Upgrade.Atomic
                ? Step(R.Upgrading, $"Upgrading {string.Join(", ", changing.Select(c => $"{c.Name} {c.From} → {c.To}"))} as one unit.", CanisterPhase.Upgrading, new PackageStep(PackageStepKind.BeginUpgrade) { Components = changing })
                : PlanComponents(input);
        }

        return PlanComponents(input);
    }

    /// <summary>Components in order: create the first missing one once those before it are Ready, keep each as declared.</summary>
    private static PackagePlan PlanComponents(PackagePlanInput input)
    {
        var components = input.Spec.Components;
        var previous = new List<(string, string)>();
        for (var i = 0; i < components.Count; i++)
        {
            var component = components[i];
            var wanted = ComponentSpecs.Render(input.Spec, component, new PackageFacts(input.Spec.User, input.OperatorPrincipal!, previous));
            if (!input.Children.TryGetValue(component.Name, out var child))
            {
                return Step(R.Installing, $"Installing component {component.Name} ({i + 1}/{components.Count}).", CanisterPhase.Installing, new PackageStep(PackageStepKind.CreateComponent) { Component = component.Name, Deployment = wanted });
            }

            if (child.Deleting)
            {
                return Wait(R.ComponentMissing, $"Component {component.Name}'s CanisterDeployment {child.Name} is being deleted; it is created again once it is gone.", CanisterPhase.Installing);
            }

            if (ComponentSpecs.Differs(wanted, child.Spec) || (!input.Spec.Upgrade.Atomic && child.Spec.Template.Version != component.Template.Version))
            {
                return Step(R.Installing, $"Updating component {component.Name} to what the package declares.", CanisterPhase.Installing, new PackageStep(PackageStepKind.UpdateComponent) { Component = component.Name, Deployment = wanted });
            }

            if (!child.Ready)
            {
                return child.Stalled
                    ? Stall(R.ComponentFailed, $"Component {component.Name} failed: {child.Message}", CanisterPhase.Failed)
                    : Wait(R.ComponentNotReady, $"Waiting for component {component.Name} ({i + 1}/{components.Count}): {child.Message}", child.Status.Version is null ? CanisterPhase.Installing : CanisterPhase.Upgrading);
            }

            previous.Add((component.Name, child.Status.CanisterId!));
        }

        return new PackagePlan { Phase = CanisterPhase.Ready, Ready = true, Reason = R.Installed, Message = $"All {components.Count} components are Ready." };
    }

    /// <summary>An upgrade in flight: components in order, each snapshotted (by its CanisterDeployment) and upgraded.</summary>
    private static PackagePlan PlanUpgrade(PackagePlanInput input, PackageOperation operation)
    {
        foreach (var part in operation.Components)
        {
            if (part.Step == ComponentStep.Upgraded)
            {
                continue;
            }

            if (!input.Children.TryGetValue(part.Name, out var child) || input.Spec.Components.FirstOrDefault(c => c.Name == part.Name) is not { } component)
            {
                return Stall(R.ComponentMissing, $"Component {part.Name}'s CanisterDeployment disappeared during the upgrade; recreate the package or restore the component by hand.", CanisterPhase.Failed);
            }

            var wanted = WantedAt(input, component, part.To!);
            if (part.Step == ComponentStep.Pending || child.Spec.Template.Version != part.To)
            {
                return Step(R.Upgrading, $"Upgrading component {part.Name} from {part.From} to {part.To}.", CanisterPhase.Upgrading, new PackageStep(PackageStepKind.UpgradeComponent) { Component = part.Name, Deployment = wanted });
            }

            var childOperation = child.Status.LastOperation;
            var thisUpgrade = childOperation is not null && childOperation.To == part.To && childOperation.StartedAt >= operation.StartedAt;
            if (part.SnapshotId is null && thisUpgrade && childOperation!.SnapshotId is { } snapshot)
            {
                return Step(R.Upgrading, $"Component {part.Name} took snapshot {snapshot} before its upgrade.", CanisterPhase.Upgrading, new PackageStep(PackageStepKind.RecordSnapshot) { Component = part.Name, SnapshotId = snapshot });
            }

            if (child.Ready && child.Status.Version == part.To)
            {
                return Step(R.Upgrading, $"Component {part.Name} runs version {part.To}.", CanisterPhase.Upgrading, new PackageStep(PackageStepKind.RecordComponent) { Component = part.Name, Outcome = ComponentStep.Upgraded });
            }

            if (child.Stalled || (thisUpgrade && childOperation!.Result is OperationResult.Failed or OperationResult.RolledBack))
            {
                return Step(R.RollingBack, $"Component {part.Name}'s upgrade to {part.To} failed: {child.Message}", CanisterPhase.RollingBack, new PackageStep(PackageStepKind.RecordComponent) { Component = part.Name, Outcome = ComponentStep.Failed, Message = child.Message });
            }

            return Wait(R.Upgrading, $"Waiting for component {part.Name} to run version {part.To}: {child.Message}", CanisterPhase.Upgrading);
        }

        return Step(R.Upgrading, $"Every component runs its new version ({string.Join(", ", operation.Components.Select(c => $"{c.Name} {c.To}"))}).", CanisterPhase.Upgrading, new PackageStep(PackageStepKind.CompleteUpgrade) { Result = OperationResult.Succeeded, Message = "Upgraded." });
    }

    /// <summary>A component failed: restore every component this upgrade upgraded from its snapshot, newest first.</summary>
    private static PackagePlan PlanRestore(PackagePlanInput input, PackageOperation operation)
    {
        foreach (var part in Enumerable.Reverse(operation.Components))
        {
            if (!input.Children.TryGetValue(part.Name, out var child))
            {
                continue;
            }

            switch (part.Step)
            {
                case ComponentStep.Upgrading:
                    // Upgrading when another failed: either it never started, or its outcome decides how it is undone.
                    if (child.Status.Version == part.To)
                    {
                        return Step(R.RollingBack, $"Component {part.Name} runs version {part.To}.", CanisterPhase.RollingBack, new PackageStep(PackageStepKind.RecordComponent) { Component = part.Name, Outcome = ComponentStep.Upgraded });
                    }

                    return Step(R.RollingBack, $"Component {part.Name} never ran version {part.To}.", CanisterPhase.RollingBack, new PackageStep(PackageStepKind.RecordComponent) { Component = part.Name, Outcome = ComponentStep.Failed, Message = child.Message });
                case ComponentStep.Failed when child.Spec.Template.Version != part.From:
                    return Step(R.RollingBack, $"Component {part.Name} rolled itself back; setting it to version {part.From} again.", CanisterPhase.RollingBack, new PackageStep(PackageStepKind.RevertComponent) { Component = part.Name, Version = part.From });
                case ComponentStep.Upgraded when part.SnapshotId is null:
                    return Step(R.RollingBack, $"Component {part.Name} has no snapshot from before the upgrade to restore.", CanisterPhase.RollingBack, new PackageStep(PackageStepKind.RecordComponent) { Component = part.Name, Outcome = ComponentStep.RestoreFailed, Message = "No snapshot was recorded before its upgrade." });
                case ComponentStep.Upgraded:
                    return RestoreStep(input, operation, part, $"Restoring component {part.Name} to version {part.From} from snapshot {part.SnapshotId}.");
                case ComponentStep.Restoring:
                    var request = RestoreOf(input, operation, part);
                    if (child.Spec.Restore?.RequestedAt != request.RequestedAt || child.Spec.Template.Version != part.From)
                    {
                        return RestoreStep(input, operation, part, $"Asking component {part.Name} again to restore snapshot {part.SnapshotId}.");
                    }

                    if (child.Status.LastHandledRestoreAt == request.RequestedAt && child.Status.LastOperation is { Type: OperationType.Restore } restore)
                    {
                        if (restore.Result == OperationResult.Succeeded && child.Ready)
                        {
                            return Step(R.RollingBack, $"Component {part.Name} is restored to version {part.From}.", CanisterPhase.RollingBack, new PackageStep(PackageStepKind.RecordComponent) { Component = part.Name, Outcome = ComponentStep.Restored });
                        }

                        if (restore.Result == OperationResult.Failed)
                        {
                            return Step(R.RollingBack, $"Component {part.Name} could not be restored: {restore.Message}", CanisterPhase.RollingBack, new PackageStep(PackageStepKind.RecordComponent) { Component = part.Name, Outcome = ComponentStep.RestoreFailed, Message = restore.Message });
                        }
                    }

                    return Wait(R.RollingBack, $"Waiting for component {part.Name} to load snapshot {part.SnapshotId}: {child.Message}", CanisterPhase.RollingBack);
            }
        }

        var failed = operation.Components.Where(c => c.Step == ComponentStep.Failed).ToList();
        var unrestored = operation.Components.Where(c => c.Step == ComponentStep.RestoreFailed).ToList();
        var message = $"Component {string.Join(", ", failed.Select(c => $"{c.Name} {c.To} ({c.Message})"))} failed; "
            + (unrestored.Count == 0
                ? $"every component upgraded before it was restored from its snapshot ({string.Join(", ", operation.Components.Where(c => c.Step == ComponentStep.Restored).Select(c => c.Name).DefaultIfEmpty("none"))})."
                : $"components {string.Join(", ", unrestored.Select(c => $"{c.Name} ({c.Message})"))} could not be restored.");
        return Step(R.UpgradeFailed, message, CanisterPhase.Failed, new PackageStep(PackageStepKind.CompleteUpgrade) { Result = OperationResult.Failed, Message = message });
    }

    private static PackagePlan RestoreStep(PackagePlanInput input, PackageOperation operation, ComponentOperation part, string message) =>
        Step(R.RollingBack, message, CanisterPhase.RollingBack, new PackageStep(PackageStepKind.RestoreComponent) { Component = part.Name, Version = part.From, Restore = RestoreOf(input, operation, part) });

    private static RestoreRequest RestoreOf(PackagePlanInput input, PackageOperation operation, ComponentOperation part) =>
        new() { SnapshotId = part.SnapshotId!, RequestedAt = $"{input.Name}/{operation.Id}" };

    /// <summary>The component's CanisterDeployment at <paramref name="version"/>, with the facts of the components before it.</summary>
    private static CanisterDeploymentSpec WantedAt(PackagePlanInput input, PackageComponent component, string version)
    {
        var previous = input.Spec.Components.TakeWhile(c => c.Name != component.Name)
            .Select(c => (c.Name, input.Children.TryGetValue(c.Name, out var child) ? child.Status.CanisterId ?? string.Empty : string.Empty))
            .ToList();
        var spec = ComponentSpecs.Render(input.Spec, component, new PackageFacts(input.Spec.User, input.OperatorPrincipal!, previous));
        return spec with { Template = spec.Template with { Version = version } };
    }

    private static string Versions(IEnumerable<ComponentVersion> versions) => string.Join(", ", versions.Select(v => $"{v.Name} {v.Version}"));

    private static PackagePlan Step(string reason, string message, CanisterPhase phase, PackageStep step) =>
        new() { Phase = phase, Ready = false, Reason = reason, Message = message, Step = step };

    private static PackagePlan Wait(string reason, string message, CanisterPhase phase = CanisterPhase.Pending) =>
        new() { Phase = phase, Ready = false, Reason = reason, Message = message };

    private static PackagePlan Stall(string reason, string message, CanisterPhase phase = CanisterPhase.Failed) =>
        new() { Phase = phase, Ready = false, Stalled = true, Reason = reason, Message = message };
}
