using IcOperator.Agent.Identities;
using IcOperator.Api;
using IcOperator.Api.V1Alpha1;
using IcOperator.Candid;
using IcOperator.Emulators.Ic;
using IcOperator.Emulators.Ic.Counters;
using IcOperator.Kube.Client;
using IcOperator.Kube.Resources;
using static IcOperator.Tests.Controllers.PackageScenario;

namespace IcOperator.Tests.Controllers;

/// <summary>PackageInstallations against both emulators, with the operator running as it does in production.</summary>
public sealed class PackageInstallationEndToEndTests : IAsyncLifetime
{
    private readonly string user;
    private KubeEnvironment kube = null!;
    private IcEmulator ic = null!;
    private ScenarioOperator running = null!;

    public PackageInstallationEndToEndTests()
    {
        using var identity = Ed25519Identity.Generate();
        user = identity.Sender.ToString();
    }

    public async Task InitializeAsync()
    {
        running = await ScenarioOperator.StartAsync("pkgi-cache-");
        kube = running.Kube;
        ic = running.Ic;
    }

    public async Task DisposeAsync() => await running.DisposeAsync();

    private Task<PackageInstallation> WaitFor(string name, Func<PackageInstallation, bool> done) =>
        KubeEnvironment.EventuallyAsync(() => kube.Client.GetAsync(OperatorResources.PackageInstallations, name, "default"), done, TimeSpan.FromSeconds(90));

    private async Task<string> OperatorPrincipal() => (await kube.Client.GetAsync(OperatorResources.IcNetworks, "local", "default")).Status!.Principal!;

    private List<UpdateCallRecord> Calls(params string[] methods) => [.. ic.Counters.UpdateCalls.Where(c => methods.Contains(c.Method))];

    private async Task<Dictionary<string, string>> CanistersOf(string package) =>
        (await kube.Client.GetAsync(OperatorResources.PackageInstallations, package, "default")).Status!.Components.ToDictionary(c => c.Name, c => c.CanisterId!);

    [Fact]
    public async Task Three_components_install_in_order_each_with_its_user_operator_previous_canisters_and_one_init_call()
    {
        var created = await kube.Client.CreateAsync(OperatorResources.PackageInstallations, Package("app", user));

        var ready = await WaitFor("app", p => Has(p, "Ready"));

        ready.Status!.Ready.Should().Be("3/3");
        ready.Status.Phase.Should().Be(CanisterPhase.Ready);
        ready.Status.InstallationId.Should().Be(created.Metadata.Uid);
        ready.Status.Components.Select(c => (c.Name, c.Version, c.Phase)).Should().Equal(("a", "1.0.0", CanisterPhase.Ready), ("b", "1.0.0", CanisterPhase.Ready), ("c", "1.0.0", CanisterPhase.Ready));
        var ids = await CanistersOf("app");
        var (a, b, c) = (ids["a"], ids["b"], ids["c"]);
        var operatorPrincipal = await OperatorPrincipal();
        var configs = new[] { await ConfigAsync(ic, a), await ConfigAsync(ic, b), await ConfigAsync(ic, c) };
        configs.Should().OnlyContain(x => x.User == user && x.Operator == operatorPrincipal);
        configs[0].Previous.Should().BeEmpty();
        configs[1].Previous.Should().Equal(a);
        configs[2].Previous.Should().Equal(a, b);
        (await TextAsync(ic, a, "greeting")).Should().Be($"hello {user}");
        (await TextAsync(ic, c, "greeting")).Should().Be($"after {a}", "${components.a.canisterId} is substituted into c's init call");

        // In order: each component is installed and initialised before the next one is even created.
        Calls("install_code", "init").Select(x => (x.Canister.ToString(), x.Method, x.Replied)).Should().Equal(
            (a, "install_code", true), (a, "init", true), (b, "install_code", true), (b, "init", true), (c, "install_code", true), (c, "init", true));
        ic.GetCanisters().Should().HaveCount(3);

        // Each component's install is its own event, with its own note.
        var installing = await KubeEnvironment.EventuallyAsync(
            async () => (await kube.Client.ListAsync(CoreResources.Events, "default")).Items
                .Where(e => e.Regarding is { Kind: "PackageInstallation", Name: "app" } && e.Reason == PackageInstallationReasons.Installing)
                .Select(e => e.Note ?? string.Empty).ToList(),
            n => n.Count >= 3);
        installing.Should().HaveCount(3).And.Contain(n => n.Contains("component a (1/3)")).And.Contain(n => n.Contains("component b (2/3)")).And.Contain(n => n.Contains("component c (3/3)"));
    }

    [Fact]
    public async Task An_upgrade_whose_second_component_fails_restores_the_first_from_its_snapshot_and_stalls_with_the_failed_versions()
    {
        await kube.Client.CreateAsync(OperatorResources.PackageInstallations, Package("app", user));
        await WaitFor("app", p => Has(p, "Ready"));
        var ids = await CanistersOf("app");

        await SetComponentsAsync(kube.Client, "app", Components(a: "2.0.0", b: "3.0.0", c: "2.0.0"));
        var stalled = await WaitFor("app", p => Has(p, "Stalled"));

        stalled.Status!.FailedVersions.Should().Equal(new ComponentVersion { Name = "b", Version = "3.0.0" });
        stalled.Status.Phase.Should().Be(CanisterPhase.Failed);
        ReadyReason(stalled).Should().Be(PackageInstallationReasons.VersionsFailed);
        stalled.Status.Operation!.Result.Should().Be(OperationResult.Failed);
        stalled.Status.Operation.Components.Select(c => (c.Name, c.Step)).Should().Equal(("a", ComponentStep.Restored), ("b", ComponentStep.Failed), ("c", ComponentStep.Pending));
        stalled.Status.Operation.Components[0].SnapshotId.Should().NotBeNullOrEmpty();

        // a ran 2.0.0 (whose post_upgrade wrote version 2.0.0 into its state) and is back to 1.0.0 with the state from before.
        ic.Counters.UpdateCalls.Should().Contain(x => x.Canister.ToString() == ids["a"] && x.Method == "load_canister_snapshot");
        Convert.ToHexStringLower(ic.GetCanister(Principal.Parse(ids["a"]))!.ModuleHash!).Should().Be(Sha(V1));
        (await TextAsync(ic, ids["a"], "version")).Should().Be("1.0.0");
        (await TextAsync(ic, ids["a"], "greeting")).Should().Be($"hello {user}");
        Convert.ToHexStringLower(ic.GetCanister(Principal.Parse(ids["b"]))!.ModuleHash!).Should().Be(Sha(V1));
        Calls("install_code").Count(x => x.Canister.ToString() == ids["c"]).Should().Be(1, "c comes after the failed component and is never touched");
        Calls("init").Should().HaveCount(3, "an upgrade does not repeat the install-time init calls");

        // Not retried while the spec stays the same.
        var installs = Calls("install_code").Count;
        await kube.Client.PatchAsync(OperatorResources.PackageInstallations, "app", "default", KubePatch.Merge(new System.Text.Json.Nodes.JsonObject
        {
            ["metadata"] = new System.Text.Json.Nodes.JsonObject { ["annotations"] = new System.Text.Json.Nodes.JsonObject { [Annotations.ReconcileRequestedAt] = "again" } },
        }));
        await WaitFor("app", p => p.Status?.LastHandledReconcileAt == "again");
        Calls("install_code").Count.Should().Be(installs);

        // Changing the spec (b to a good version) lets the package move on.
        await SetComponentsAsync(kube.Client, "app", Components(a: "2.0.0", b: "2.0.0", c: "2.0.0"));
        var upgraded = await WaitFor("app", p => Has(p, "Ready"));
        upgraded.Status!.Components.Select(c => c.Version).Should().Equal("2.0.0", "2.0.0", "2.0.0");
        upgraded.Status.FailedVersions.Should().BeEmpty();
    }

    [Fact]
    public async Task Deletion_calls_deinit_and_removes_the_canisters_in_reverse_order()
    {
        await kube.Client.CreateAsync(OperatorResources.PackageInstallations, Package("app", user));
        await WaitFor("app", p => Has(p, "Ready"));
        var ids = await CanistersOf("app");

        await kube.Client.DeleteAsync(OperatorResources.PackageInstallations, "app", "default");
        await KubeEnvironment.EventuallyAsync(() => kube.Client.TryGetAsync(OperatorResources.PackageInstallations, "app", "default"), p => p is null, TimeSpan.FromSeconds(90));

        Calls("deinit", "delete_canister").Select(x => (x.Canister.ToString(), x.Method)).Should().Equal(
            (ids["c"], "deinit"), (ids["c"], "delete_canister"), (ids["b"], "deinit"), (ids["b"], "delete_canister"), (ids["a"], "deinit"), (ids["a"], "delete_canister"));
        ic.GetCanisters().Should().BeEmpty();
        (await kube.Client.ListAsync(OperatorResources.CanisterDeployments, "default")).Items.Should().BeEmpty();
    }

    [Fact]
    public async Task DependsOn_holds_a_package_until_its_dependency_is_ready()
    {
        await kube.Client.CreateAsync(OperatorResources.PackageInstallations, Package("app", user, dependsOn: "base"));
        var missing = await WaitFor("app", p => ReadyReason(p) == PackageInstallationReasons.DependencyNotFound);
        missing.Status!.Conditions.Single(c => c.Type == "Ready").Message.Should().Contain("spec.dependsOn[0].name");

        // The dependency exists but cannot become Ready: its template version is not in the catalog.
        await kube.Client.CreateAsync(OperatorResources.PackageInstallations, Package("base", user, [Component("core", "9.9.9", "(\"core\")")]));
        await WaitFor("base", p => ReadyReason(p) == PackageInstallationReasons.TemplateVersionMissing);
        var held = await WaitFor("app", p => ReadyReason(p) == PackageInstallationReasons.DependencyNotReady);
        held.Status!.Components.Should().OnlyContain(c => c.CanisterId == null);
        (await kube.Client.ListAsync(OperatorResources.CanisterDeployments, "default")).Items.Should().BeEmpty();
        ic.GetCanisters().Should().BeEmpty();

        await SetComponentsAsync(kube.Client, "base", [Component("core", "1.0.0", "(\"core\")")]);
        await WaitFor("app", p => Has(p, "Ready"));
        var core = (await kube.Client.GetAsync(OperatorResources.CanisterDeployments, "base-core", "default")).Status!.CanisterId!;
        Calls("install_code")[0].Canister.ToString().Should().Be(core, "the dependency is installed before the package that depends on it");
    }

    [Fact]
    public async Task An_argument_that_does_not_type_check_stalls_the_package_before_any_ic_call()
    {
        var components = Components();
        components[1] = components[1] with { Arg = "(record { user = \"not a principal\" })" };
        await kube.Client.CreateAsync(OperatorResources.PackageInstallations, Package("app", user, components));

        var stalled = await WaitFor("app", p => Has(p, "Stalled"));

        ReadyReason(stalled).Should().Be(PackageInstallationReasons.InvalidArgument);
        stalled.Status!.Conditions.Single(c => c.Type == "Ready").Message.Should().Contain("spec.components[1] (b)").And.Contain("arg");
        (await kube.Client.ListAsync(OperatorResources.CanisterDeployments, "default")).Items.Should().BeEmpty("nothing is half-done");
        ic.Counters.UpdateCalls.Should().BeEmpty();
    }

    [Fact]
    public async Task A_component_referring_to_a_later_component_stalls_naming_the_field()
    {
        var components = Components();
        components[0] = components[0] with { Init = new ComponentCall { Method = "init", Arg = "(\"${components.c.canisterId}\")" } };
        await kube.Client.CreateAsync(OperatorResources.PackageInstallations, Package("app", user, components));

        var stalled = await WaitFor("app", p => Has(p, "Stalled"));

        ReadyReason(stalled).Should().Be(PackageInstallationReasons.InvalidPlaceholder);
        stalled.Status!.Conditions.Single(c => c.Type == "Ready").Message.Should().Contain("spec.components[0].init.arg").And.Contain("installed after it");
        ic.Counters.UpdateCalls.Should().BeEmpty();
    }
}
