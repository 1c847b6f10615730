using IcOperator.Api.V1Alpha1;
using IcOperator.Orchestration;
using IcOperator.Orchestration.Packages;
using R = IcOperator.Api.V1Alpha1.PackageInstallationReasons;

namespace IcOperator.Tests.Orchestration;

/// <summary>The package planner: bad input, install order, the atomic upgrade and its undoing, removal — each state → the next step.</summary>
public sealed class PackagePlannerTests
{
    private const string User = "2vxsx-fae";
    private const string Operator = "rwlgt-iiaaa-aaaaa-aaaaa-cai";
    private static readonly string[] Canisters = ["bkyz2-fmaaa-aaaaa-qaaaq-cai", "bd3sg-teaaa-aaaaa-qaaba-cai", "be2us-64aaa-aaaaa-qaabq-cai"];
    private static readonly DateTimeOffset T0 = new(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);

    private static PackageComponent Component(string name, string version = "1.0.0", string? arg = null) =>
        new() { Name = name, Template = new TemplateVersionReference { Name = "part", Version = version }, Arg = arg };

    private static PackageInstallationSpec Spec(params PackageComponent[] components) => new()
    {
        NetworkRef = new LocalObjectReference { Name = "local" },
        User = User,
        Components = components.Length > 0 ? [.. components] : [Component("a"), Component("b"), Component("c")],
    };

    private static PackagePlanInput Input(PackageInstallationSpec? spec = null, int installed = 0, int ready = -1, long generation = 1) => Children(new PackagePlanInput
    {
        Name = "app",
        Spec = spec ?? Spec(),
        Generation = generation,
        Now = T0,
        NetworkReady = true,
        OperatorPrincipal = Operator,
        Templates = (spec ?? Spec()).Components.DistinctBy(c => c.Name).ToDictionary(c => c.Name, _ => ComponentReadiness.Verified),
    }, installed, ready < 0 ? installed : ready);

    /// <summary>The first <paramref name="installed"/> components have a CanisterDeployment at 1.0.0; the first <paramref name="ready"/> are Ready.</summary>
    private static PackagePlanInput Children(PackagePlanInput input, int installed, int ready) => input with
    {
        Children = input.Spec.Components.Take(installed).Select((c, i) => Child(c.Name, i, "1.0.0", i < ready)).ToDictionary(c => c.Component),
    };

    private static ObservedComponent Child(string component, int index, string version, bool ready, long generation = 1, CanisterDeploymentStatus? status = null) => new()
    {
        Component = component,
        Name = $"app-{component}",
        Generation = generation,
        Spec = new CanisterDeploymentSpec
        {
            NetworkRef = new LocalObjectReference { Name = "local" },
            Template = new TemplateVersionReference { Name = "part", Version = version },
            Upgrade = new UpgradePolicy { Snapshot = true, RollbackOnFailure = true },
        },
        Status = status ?? new CanisterDeploymentStatus
        {
            CanisterId = Canisters[index],
            Version = ready ? version : null,
            Phase = ready ? CanisterPhase.Ready : CanisterPhase.Installing,
            Conditions = [new Condition { LastTransitionTime = T0, Type = ConditionTypes.Ready, Status = ready ? ConditionStatus.True : ConditionStatus.False, ObservedGeneration = generation, Reason = "x", Message = ready ? "Ready" : "Installing" }],
        },
    };

    private static ObservedComponent Stalled(ObservedComponent child, string message) => child with
    {
        Status = child.Status with
        {
            Conditions =
            [
                new Condition { LastTransitionTime = T0, Type = ConditionTypes.Ready, Status = ConditionStatus.False, ObservedGeneration = child.Generation, Reason = "VersionFailed", Message = message },
                new Condition { LastTransitionTime = T0, Type = ConditionTypes.Stalled, Status = ConditionStatus.True, ObservedGeneration = child.Generation, Reason = "VersionFailed", Message = message },
            ],
        },
    };

    /// <summary>Installed at 1.0.0; the spec asks a, b, c for 2.0.0, 3.0.0, 2.0.0; an upgrade is recorded with the given parts.</summary>
    private static PackagePlanInput Upgrade(params (ComponentStep Step, string? Snapshot)[] parts)
    {
        var input = Input(Spec(Component("a", "2.0.0"), Component("b", "3.0.0"), Component("c", "2.0.0")), installed: 3, generation: 2);
        var to = new[] { "2.0.0", "3.0.0", "2.0.0" };
        return input with
        {
            Status = new PackageInstallationStatus
            {
                Operation = new PackageOperation
                {
                    Id = "upgrade-2",
                    Generation = 2,
                    StartedAt = T0,
                    Components = [.. parts.Select((p, i) => new ComponentOperation { Name = ((string[])["a", "b", "c"])[i], From = "1.0.0", To = to[i], Step = p.Step, SnapshotId = p.Snapshot })],
                },
            },
        };
    }

    private static PackagePlanInput WithChild(PackagePlanInput input, ObservedComponent child) =>
        input with { Children = new Dictionary<string, ObservedComponent>(input.Children) { [child.Component] = child } };

    private static readonly Dictionary<string, (Func<PackagePlanInput> Input, PackageStepKind Step, string Reason, string? Component, string? Field)> Cases = new()
    {
        // Bad input: a condition naming the field, and no step.
        ["duplicate component names"] = (() => Input(Spec(Component("a"), Component("a"))), PackageStepKind.None, R.InvalidSpec, null, "spec.components"),
        ["user is not a principal"] = (() => Input(Spec() with { User = "aaaaa-ab" }), PackageStepKind.None, R.InvalidUser, null, "spec.user"),
        ["refers to a later component"] = (() => Input(Spec(Component("a", arg: "(principal \"${components.b.canisterId}\")"), Component("b"))), PackageStepKind.None, R.InvalidPlaceholder, null, "spec.components[0].arg"),
        ["refers to an unknown component"] = (() => Input(Spec(Component("a"), Component("b", arg: "(principal \"${components.x.canisterId}\")"))), PackageStepKind.None, R.InvalidPlaceholder, null, "spec.components[1].arg"),
        ["unknown placeholder"] = (() => Input(Spec(Component("a", arg: "(\"${owner}\")"))), PackageStepKind.None, R.InvalidPlaceholder, null, "spec.components[0].arg"),
        ["dependsOn cycle"] = (() => Input() with { DependencyCycle = ["app", "base", "app"] }, PackageStepKind.None, R.DependencyCycle, null, "spec.dependsOn"),
        ["dependency missing"] = (() => Input() with { Dependencies = [new DependencyObservation("base", false, false, string.Empty)] }, PackageStepKind.None, R.DependencyNotFound, null, "spec.dependsOn[0].name"),
        ["dependency not ready"] = (() => Input() with { Dependencies = [new DependencyObservation("base", true, false, "Installing")] }, PackageStepKind.None, R.DependencyNotReady, null, "spec.dependsOn[0].name"),
        ["template missing"] = (() => Input() with { Templates = new Dictionary<string, ComponentReadiness> { ["a"] = ComponentReadiness.Verified, ["b"] = new(TemplateAvailability.TemplateNotFound, GateResult.Pass) } }, PackageStepKind.None, R.TemplateNotFound, null, "spec.components[1].template"),
        ["version missing"] = (() => Input() with { Templates = new Dictionary<string, ComponentReadiness> { ["a"] = new(TemplateAvailability.VersionMissing, GateResult.Pass) } }, PackageStepKind.None, R.TemplateVersionMissing, null, "spec.components[0].template"),
        ["argument does not type-check"] = (() => Input() with { Templates = Spec().Components.ToDictionary(c => c.Name, c => c.Name == "c" ? new ComponentReadiness(TemplateAvailability.Verified, GateResult.Fail("arg does not type-check")) : ComponentReadiness.Verified) }, PackageStepKind.None, R.InvalidArgument, null, "spec.components[2]"),

        // Install in order.
        ["fresh: first component"] = (() => Input(), PackageStepKind.CreateComponent, R.Installing, "a", null),
        ["first not ready: wait"] = (() => Input(installed: 1, ready: 0), PackageStepKind.None, R.ComponentNotReady, null, null),
        ["first ready: second"] = (() => Input(installed: 1), PackageStepKind.CreateComponent, R.Installing, "b", null),
        ["component failed: stall"] = (() => WithChild(Input(installed: 1, ready: 0), Stalled(Child("a", 0, "1.0.0", false), "install trapped")), PackageStepKind.None, R.ComponentFailed, null, null),
        ["all ready"] = (() => Input(installed: 3), PackageStepKind.None, R.Installed, null, null),
        ["component removed from the spec"] = (() => Input(Spec(Component("a"), Component("b")), installed: 2) with { Children = Input(installed: 3).Children }, PackageStepKind.DeleteComponent, R.Installing, "c", null),

        // The atomic upgrade.
        ["versions change: begin"] = (() => Input(Spec(Component("a", "2.0.0"), Component("b"), Component("c", "2.0.0")), installed: 3, generation: 2), PackageStepKind.BeginUpgrade, R.Upgrading, null, null),
        ["failed versions: not retried"] = (() => Input(Spec(Component("a", "2.0.0"), Component("b", "3.0.0"), Component("c")), installed: 3, generation: 2) with { Status = new PackageInstallationStatus { FailedGeneration = 2, FailedVersions = [new ComponentVersion { Name = "b", Version = "3.0.0" }] } }, PackageStepKind.None, R.VersionsFailed, null, null),
        ["upgrade: first component"] = (() => Upgrade((ComponentStep.Pending, null), (ComponentStep.Pending, null), (ComponentStep.Pending, null)), PackageStepKind.UpgradeComponent, R.Upgrading, "a", null),
        ["upgrade: record the child's snapshot"] = (() => WithChild(Upgrade((ComponentStep.Upgrading, null), (ComponentStep.Pending, null), (ComponentStep.Pending, null)), Child("a", 0, "2.0.0", false, 2, new CanisterDeploymentStatus { CanisterId = Canisters[0], LastOperation = new OperationRecord { Type = OperationType.Upgrade, To = "2.0.0", SnapshotId = "0a", StartedAt = T0 } })), PackageStepKind.RecordSnapshot, R.Upgrading, "a", null),
        ["upgrade: component done"] = (() => WithChild(Upgrade((ComponentStep.Upgrading, "0a"), (ComponentStep.Pending, null), (ComponentStep.Pending, null)), Child("a", 0, "2.0.0", true, 2)), PackageStepKind.RecordComponent, R.Upgrading, "a", null),
        ["upgrade: next component"] = (() => WithChild(Upgrade((ComponentStep.Upgraded, "0a"), (ComponentStep.Pending, null), (ComponentStep.Pending, null)), Child("a", 0, "2.0.0", true, 2)), PackageStepKind.UpgradeComponent, R.Upgrading, "b", null),
        ["upgrade: second fails"] = (() => WithChild(WithChild(Upgrade((ComponentStep.Upgraded, "0a"), (ComponentStep.Upgrading, "0b"), (ComponentStep.Pending, null)), Child("a", 0, "2.0.0", true, 2)), Stalled(Child("b", 1, "3.0.0", false, 2, new CanisterDeploymentStatus { CanisterId = Canisters[1], Version = "1.0.0" }), "trapped")), PackageStepKind.RecordComponent, R.RollingBack, "b", null),
        ["undo: failed component set back first"] = (() => WithChild(WithChild(Upgrade((ComponentStep.Upgraded, "0a"), (ComponentStep.Failed, "0b"), (ComponentStep.Pending, null)), Child("a", 0, "2.0.0", true, 2)), Child("b", 1, "3.0.0", false, 2)), PackageStepKind.RevertComponent, R.RollingBack, "b", null),
        ["undo: then restore the upgraded one"] = (() => WithChild(Upgrade((ComponentStep.Upgraded, "0a"), (ComponentStep.Failed, "0b"), (ComponentStep.Pending, null)), Child("a", 0, "2.0.0", true, 2)), PackageStepKind.RestoreComponent, R.RollingBack, "a", null),
        ["undo: restored"] = (() => WithChild(Upgrade((ComponentStep.Restoring, "0a"), (ComponentStep.Failed, "0b"), (ComponentStep.Pending, null)), Child("a", 0, "1.0.0", true, 3, new CanisterDeploymentStatus
        {
            CanisterId = Canisters[0],
            Version = "1.0.0",
            LastHandledRestoreAt = "app/upgrade-2",
            LastOperation = new OperationRecord { Type = OperationType.Restore, Result = OperationResult.Succeeded },
            Conditions = [new Condition { LastTransitionTime = T0, Type = ConditionTypes.Ready, Status = ConditionStatus.True, ObservedGeneration = 3, Reason = "x", Message = "Ready" }],
        }) with
        { Spec = Child("a", 0, "1.0.0", true).Spec with { Restore = new RestoreRequest { SnapshotId = "0a", RequestedAt = "app/upgrade-2" } } }), PackageStepKind.RecordComponent, R.RollingBack, "a", null),
        ["undo: complete as failed"] = (() => Upgrade((ComponentStep.Restored, "0a"), (ComponentStep.Failed, "0b"), (ComponentStep.Pending, null)), PackageStepKind.CompleteUpgrade, R.UpgradeFailed, null, null),
        ["upgrade: all upgraded completes"] = (() => Upgrade((ComponentStep.Upgraded, "0a"), (ComponentStep.Upgraded, "0b"), (ComponentStep.Upgraded, "0c")), PackageStepKind.CompleteUpgrade, R.Upgrading, null, null),

        // Removal, last first.
        ["delete: last component first"] = (() => Input(installed: 3) with { Deleting = true }, PackageStepKind.DeleteComponent, R.Deleting, "c", null),
        ["delete: wait while it goes"] = (() => WithChild(Input(installed: 3) with { Deleting = true }, Child("c", 2, "1.0.0", true) with { Deleting = true }), PackageStepKind.None, R.Deleting, null, null),
        ["delete: then the one before"] = (() => Input(installed: 2) with { Deleting = true }, PackageStepKind.DeleteComponent, R.Deleting, "b", null),
        ["delete: all gone"] = (() => Input() with { Deleting = true }, PackageStepKind.RemoveFinalizer, R.Deleting, null, null),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Each_state_has_one_next_step(string name)
    {
        var (input, step, reason, component, field) = Cases[name];

        var plan = PackagePlanner.Plan(input());

        plan.Step.Kind.Should().Be(step);
        plan.Reason.Should().Be(reason);
        plan.Step.Component.Should().Be(component);
        if (field is not null)
        {
            plan.Message.Should().Contain(field);
            plan.Ready.Should().BeFalse();
        }
    }

    [Fact]
    public void A_created_component_gets_the_facts_of_those_before_it()
    {
        var spec = Spec(
            Component("a"),
            Component("b"),
            Component("c", arg: "(record { user = principal \"${user}\"; pm = principal \"${operator}\"; prev = ${previousCanisters}; first = principal \"${components.a.canisterId}\" })"));

        var plan = PackagePlanner.Plan(Input(spec, installed: 2));

        plan.Step.Deployment!.Install.Arg.Should().Be(
            $"(record {{ user = principal \"{User}\"; pm = principal \"{Operator}\"; prev = vec {{ principal \"{Canisters[0]}\"; principal \"{Canisters[1]}\" }}; first = principal \"{Canisters[0]}\" }})");
        plan.Step.Deployment.Upgrade.Snapshot.Should().BeTrue();
        plan.Step.Deployment.Upgrade.RollbackOnFailure.Should().BeTrue();
    }

    [Fact]
    public void A_restore_asks_for_the_old_version_and_the_recorded_snapshot()
    {
        var plan = PackagePlanner.Plan(WithChild(Upgrade((ComponentStep.Upgraded, "0a"), (ComponentStep.Failed, "0b"), (ComponentStep.Pending, null)), Child("a", 0, "2.0.0", true, 2)));

        plan.Step.Version.Should().Be("1.0.0");
        plan.Step.Restore.Should().Be(new RestoreRequest { SnapshotId = "0a", RequestedAt = "app/upgrade-2" });
    }

    [Theory]
    [InlineData("app", "app>base;base>app", "app → base → app")]
    [InlineData("app", "app>base;base>core;core>app", "app → base → core → app")]
    [InlineData("app", "app>base;base>core", null)]
    [InlineData("app", "app>base;base>core;core>base", null)]
    public void A_dependency_cycle_through_the_package_is_found(string start, string edges, string? cycle)
    {
        var graph = edges.Split(';').Select(e => e.Split('>')).GroupBy(e => e[0]).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(e => e[1])]);

        var found = DependencyGraph.FindCycle(start, n => graph.GetValueOrDefault(n));

        (found is null ? null : string.Join(" → ", found)).Should().Be(cycle);
    }
}
