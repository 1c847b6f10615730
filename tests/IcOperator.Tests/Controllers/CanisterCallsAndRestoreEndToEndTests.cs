using System.Text.Json.Nodes;
using IcOperator.Api;
using IcOperator.Api.V1Alpha1;
using IcOperator.Candid;
using IcOperator.Emulators.Ic;
using IcOperator.Emulators.Ic.Modules;
using IcOperator.Kube.Client;
using IcOperator.Kube.Resources;
using k8s.Models;
using static IcOperator.Tests.Controllers.PackageScenario;

namespace IcOperator.Tests.Controllers;

/// <summary>Post-deploy and pre-delete calls, and restore on request, on single CanisterDeployments against both emulators.</summary>
public sealed class CanisterCallsAndRestoreEndToEndTests : IAsyncLifetime
{
    private KubeEnvironment kube = null!;
    private IcEmulator ic = null!;
    private ScenarioOperator running = null!;

    public async Task InitializeAsync()
    {
        running = await ScenarioOperator.StartAsync("calls-cache-");
        kube = running.Kube;
        ic = running.Ic;
    }

    public async Task DisposeAsync() => await running.DisposeAsync();

    private static CanisterDeploymentSpec Spec(string version, string template = "part") => new()
    {
        NetworkRef = new LocalObjectReference { Name = "local" },
        Template = new TemplateVersionReference { Name = template, Version = version },
        Install = new InstallOptions { Arg = "(record { user = principal \"2vxsx-fae\"; operator = principal \"2vxsx-fae\"; previous = vec {} })" },
        DeletionPolicy = DeletionPolicy.Delete,
    };

    private Task Create(CanisterDeploymentSpec spec) =>
        kube.Client.CreateAsync(OperatorResources.CanisterDeployments, new CanisterDeployment { Metadata = new() { Name = "web", NamespaceProperty = "default" }, Spec = spec });

    private Task<CanisterDeployment> WaitFor(Func<CanisterDeployment, bool> done) =>
        KubeEnvironment.EventuallyAsync(() => kube.Client.GetAsync(OperatorResources.CanisterDeployments, "web", "default"), done, TimeSpan.FromSeconds(60));

    private static bool Has(CanisterDeployment d, string type) =>
        d.Status?.Conditions.Any(c => c.Type == type && c.Status == ConditionStatus.True && c.ObservedGeneration == d.Metadata.Generation) == true;

    private static string Reason(CanisterDeployment d) => d.Status?.Conditions.FirstOrDefault(c => c.Type == "Ready")?.Reason ?? string.Empty;

    private Task PatchSpec(JsonObject spec) =>
        kube.Client.PatchAsync(OperatorResources.CanisterDeployments, "web", "default", KubePatch.Merge(new JsonObject { ["spec"] = spec }));

    private int Calls(string canister, string method) => ic.Counters.UpdateCalls.Count(c => c.Canister.ToString() == canister && c.Method == method);

    [Fact]
    public async Task Post_deploy_calls_run_once_per_install_or_upgrade_as_declared_and_pre_delete_calls_before_deletion()
    {
        await Create(Spec("1.0.0") with
        {
            PostDeploy =
            [
                new PostDeployCall { Name = "greet", Method = "init", Arg = "(\"installed\")", When = CallTrigger.Install },
                new PostDeployCall { Name = "migrate", Method = "init", Arg = "(\"upgraded\")", When = CallTrigger.Upgrade },
                new PostDeployCall { Name = "touch", Method = "deinit", When = CallTrigger.EveryDeploy },
            ],
            PreDelete = [new PreDeleteCall { Name = "goodbye", Method = "deinit" }],
        });
        var installed = await WaitFor(d => Has(d, "Ready"));
        var id = installed.Status!.CanisterId!;
        installed.Status.LastOperation!.Calls.Select(c => (c.Name, c.Result)).Should().Equal(("greet", CallResult.Replied), ("touch", CallResult.Replied));
        installed.Status.LastOperation.Calls.Should().OnlyContain(c => c.SentAt != null && c.FinishedAt != null);
        (await TextAsync(ic, id, "greeting")).Should().Be("installed");
        (Calls(id, "init"), Calls(id, "deinit")).Should().Be((1, 1));

        await PatchSpec(new JsonObject { ["template"] = new JsonObject { ["version"] = "2.0.0" } });
        var upgraded = await WaitFor(d => Has(d, "Ready") && d.Status?.Version == "2.0.0");
        upgraded.Status!.LastOperation!.Calls.Select(c => c.Name).Should().Equal("migrate", "touch");
        (await TextAsync(ic, id, "greeting")).Should().Be("upgraded");
        (Calls(id, "init"), Calls(id, "deinit")).Should().Be((2, 2));

        await kube.Client.DeleteAsync(OperatorResources.CanisterDeployments, "web", "default");
        await KubeEnvironment.EventuallyAsync(() => kube.Client.TryGetAsync(OperatorResources.CanisterDeployments, "web", "default"), d => d is null);
        ic.Counters.UpdateCalls.Where(c => c.Canister.ToString() == id && c.Method is "deinit" or "stop_canister" or "delete_canister").Select(c => c.Method).TakeLast(3).Should().Equal("deinit", "stop_canister", "delete_canister");
        Calls(id, "deinit").Should().Be(3);

        // One event series per declared call: greet, touch (twice), migrate and goodbye each keep their own note.
        var notes = await KubeEnvironment.EventuallyAsync(
            async () => (await kube.Client.ListAsync(CoreResources.Events, "default")).Items
                .Where(e => e.Regarding is { Kind: "CanisterDeployment", Name: "web" } && e.Reason == CanisterDeploymentReasons.CallingMethod)
                .Select(e => e.Note ?? string.Empty).ToList(),
            n => n.Count >= 4);
        notes.Should().HaveCount(4).And.Contain(n => n.Contains("greet")).And.Contain(n => n.Contains("touch")).And.Contain(n => n.Contains("migrate")).And.Contain(n => n.Contains("goodbye"));
    }

    [Fact]
    public async Task A_rejected_post_deploy_call_fails_the_upgrade_and_rolls_it_back()
    {
        const string service = "service : () -> { init : (text) -> (); boom : () -> () }";
        var good = new TestModuleBuilder().WithLabel("1").WithCandidService(service).WithMethod("init", new MethodBehavior { Store = "greeting" }).WithMethod("boom", new MethodBehavior { Reply = "()" }).Build();
        var bad = new TestModuleBuilder().WithLabel("2").WithCandidService(service).WithMethod("init", new MethodBehavior { Store = "greeting" }).WithMethod("boom", new MethodBehavior { Trap = "no" }).Build();
        await kube.Client.CreateAsync(OperatorResources.WasmTemplates, new WasmTemplate
        {
            Metadata = new() { Name = "boom", NamespaceProperty = "default" },
            Spec = new WasmTemplateSpec
            {
                Versions = [.. new[] { ("1.0.0", good), ("2.0.0", bad) }.Select(v => new WasmVersion { Version = v.Item1, Sha256 = Sha(v.Item2), Source = new WasmSource { Inline = Convert.ToBase64String(v.Item2) } })],
            },
        });
        await Create(Spec("1.0.0", "boom") with { Install = new InstallOptions(), PostDeploy = [new PostDeployCall { Name = "check", Method = "boom", When = CallTrigger.EveryDeploy }] });
        var id = (await WaitFor(d => Has(d, "Ready"))).Status!.CanisterId!;

        await PatchSpec(new JsonObject { ["template"] = new JsonObject { ["version"] = "2.0.0" } });
        var stalled = await WaitFor(d => Has(d, "Stalled"));

        stalled.Status!.LastOperation!.Result.Should().Be(OperationResult.RolledBack);
        stalled.Status.LastOperation.Message.Should().Contain("Post-deploy call check (boom) was rejected");
        stalled.Status.FailedVersion.Should().Be("2.0.0");
        Convert.ToHexStringLower(ic.GetCanister(Principal.Parse(id))!.ModuleHash!).Should().Be(Sha(good));
        Calls(id, "boom").Should().Be(2, "once after the install, once after the failed upgrade, never again");
    }

    [Fact]
    public async Task Restore_on_request_loads_the_named_snapshot_once_and_echoes_the_request()
    {
        await Create(Spec("1.0.0"));
        var id = (await WaitFor(d => Has(d, "Ready"))).Status!.CanisterId!;
        await PatchSpec(new JsonObject { ["template"] = new JsonObject { ["version"] = "2.0.0" } });
        var upgraded = await WaitFor(d => Has(d, "Ready") && d.Status?.Version == "2.0.0");
        (await TextAsync(ic, id, "version")).Should().Be("2.0.0");
        var snapshot = upgraded.Status!.Snapshots.Single().Id;

        await PatchSpec(new JsonObject
        {
            ["template"] = new JsonObject { ["version"] = "1.0.0" },
            ["restore"] = new JsonObject { ["snapshotId"] = snapshot, ["requestedAt"] = "2026-12-06T09:00:00Z" },
        });
        var restored = await WaitFor(d => Has(d, "Ready") && d.Status?.LastHandledRestoreAt == "2026-12-06T09:00:00Z");

        restored.Status!.Version.Should().Be("1.0.0");
        restored.Status.LastOperation!.Type.Should().Be(OperationType.Restore);
        restored.Status.LastOperation.Result.Should().Be(OperationResult.Succeeded);
        (await TextAsync(ic, id, "version")).Should().Be("1.0.0", "the state comes back with the snapshot, not only the code");
        Convert.ToHexStringLower(ic.GetCanister(Principal.Parse(id))!.ModuleHash!).Should().Be(Sha(V1));
        Calls(id, "load_canister_snapshot").Should().Be(1);
        Calls(id, "install_code").Should().Be(2, "1.0.0 comes back by the snapshot, not by another install");

        // The same request again is not a new request; an unknown snapshot is refused, naming the field.
        await PatchSpec(new JsonObject { ["restore"] = new JsonObject { ["snapshotId"] = "00ff", ["requestedAt"] = "second" } });
        var refused = await WaitFor(d => Has(d, "Stalled"));
        Reason(refused).Should().Be(CanisterDeploymentReasons.SnapshotNotFound);
        refused.Status!.Conditions.Single(c => c.Type == "Ready").Message.Should().Contain("spec.restore.snapshotId");
        Calls(id, "load_canister_snapshot").Should().Be(1);
    }
}
