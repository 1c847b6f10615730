using System.Net;
using System.Text.Json.Nodes;
using IcOperator.Testing;
using static IcOperator.Emulators.Tests.Kube.Manifests;

namespace IcOperator.Emulators.Tests.Kube;

/// <summary>kubectl 1.32 against the emulator with the fixture CRDs: what users and CI will type.</summary>
public sealed class KubectlTests(KubeEmulatorFixture fixture) : IClassFixture<KubeEmulatorFixture>, IDisposable
{
    private readonly Kubectl _kubectl = new(fixture.Emulator);

    private KubeHttp Http => fixture.Http;

    public void Dispose() => _kubectl.Dispose();

    private async Task<string> NamespaceAsync(string name)
    {
        (await Http.PostAsync("/api/v1/namespaces", Namespace(name))).Status.Should().Be(HttpStatusCode.Created);
        return name;
    }

    private static string Sample(string file) => File.ReadAllText(Path.Combine(KubeFixtures.FixtureSamples, file));

    private async Task MarkReadyAsync(string ns, string name)
    {
        var current = await Http.GetAsync(Deployment(ns, name));
        var generation = current["metadata.generation"];
        var patch = $$$"""
            {"status":{"observedGeneration":{{{generation}}},"phase":"Ready","version":"1.1.0","canisterId":"bkyz2-fmaaa-aaaaa-qaaaq-cai",
              "conditions":[{"type":"Ready","status":"True","reason":"Installed","message":"Canister runs version 1.1.0.",
                             "lastTransitionTime":"2026-11-20T22:00:00Z","observedGeneration":{{{generation}}}}]}}
            """;
        (await Http.PatchAsync(Deployment(ns, name) + "/status", patch, "application/merge-patch+json")).Status.Should().Be(HttpStatusCode.OK);
    }

    [RequiresToolFact("kubectl")]
    public async Task Apply_with_default_validation_creates_configures_and_leaves_unchanged()
    {
        var ns = await NamespaceAsync("kubectl-apply");

        var created = (await _kubectl.RunAsync($"apply -n {ns} -f {KubeFixtures.FixtureSamples}")).ShouldSucceed();
        created.Stdout.Should().Contain("canisterdeployment.ic-operator.dev/counter created").And.Contain("wasmtemplate.ic-operator.dev/counter created");

        var same = (await _kubectl.RunAsync($"apply -n {ns} -f -", Sample("canisterdeployment.yaml"))).ShouldSucceed();
        same.Stdout.Should().Contain("canisterdeployment.ic-operator.dev/counter unchanged");

        var changed = (await _kubectl.RunAsync($"apply -n {ns} -f -", Sample("canisterdeployment.yaml").Replace("deletionPolicy: Retain", "deletionPolicy: Delete", StringComparison.Ordinal))).ShouldSucceed();
        changed.Stdout.Should().Contain("canisterdeployment.ic-operator.dev/counter configured");
        var stored = await Http.GetAsync(Deployment(ns, "counter"));
        stored["spec.deletionPolicy"].Should().Be("Delete");
        stored["metadata.generation"].Should().Be("2");
        stored["metadata.annotations"].Should().Contain("kubectl.kubernetes.io/last-applied-configuration");
    }

    [RequiresToolFact("kubectl")]
    public async Task Apply_reports_unknown_fields_and_schema_violations_from_the_server()
    {
        var ns = await NamespaceAsync("kubectl-invalid");

        var unknown = await _kubectl.RunAsync($"apply -n {ns} -f -", Sample("canisterdeployment.yaml").Replace("snapshot: true", "snapshot: true\n    snapshott: false", StringComparison.Ordinal));
        unknown.ExitCode.Should().NotBe(0);
        unknown.Stderr.Should().Contain("strict decoding error: unknown field \"spec.upgrade.snapshott\"");

        var invalid = await _kubectl.RunAsync($"apply -n {ns} -f -", Sample("canisterdeployment.yaml").Replace("deletionPolicy: Retain", "deletionPolicy: Forget", StringComparison.Ordinal));
        invalid.ExitCode.Should().NotBe(0);
        invalid.Stderr.Should().Contain("The CanisterDeployment \"counter\" is invalid: spec.deletionPolicy: Unsupported value: \"Forget\": supported values: \"Retain\", \"Stop\", \"Delete\"");
        (await Http.GetAsync(Deployment(ns, "counter"))).Status.Should().Be(HttpStatusCode.NotFound);
    }

    [RequiresToolFact("kubectl")]
    public async Task Server_side_apply_creates_and_updates_with_the_kubectl_field_manager()
    {
        var ns = await NamespaceAsync("kubectl-ssa");

        (await _kubectl.RunAsync($"apply --server-side -n {ns} -f -", Sample("canisterdeployment.yaml"))).ShouldSucceed()
            .Stdout.Should().Contain("canisterdeployment.ic-operator.dev/counter serverside-applied");
        (await _kubectl.RunAsync($"apply --server-side -n {ns} -f -", Sample("canisterdeployment.yaml").Replace("\"1.1.0\"", "\"1.2.0\"", StringComparison.Ordinal))).ShouldSucceed();

        var stored = await Http.GetAsync(Deployment(ns, "counter"));
        stored["spec.template.version"].Should().Be("1.2.0");
        stored["metadata.managedFields.0.manager"].Should().Be("kubectl");
        stored["metadata.managedFields.0.operation"].Should().Be("Apply");
    }

    [RequiresToolFact("kubectl")]
    public async Task Get_shows_the_printer_columns_and_yaml()
    {
        var ns = await NamespaceAsync("kubectl-get");
        (await _kubectl.RunAsync($"apply -n {ns} -f -", Sample("canisterdeployment.yaml"))).ShouldSucceed();
        await MarkReadyAsync(ns, "counter");

        var table = (await _kubectl.RunAsync($"get cdep -n {ns}")).ShouldSucceed().Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        table[0].Split(' ', StringSplitOptions.RemoveEmptyEntries).Should().Equal("NAME", "TEMPLATE", "VERSION", "CANISTER", "PHASE", "READY", "AGE");
        table[1].Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(6).Should().Equal("counter", "counter", "1.1.0", "bkyz2-fmaaa-aaaaa-qaaaq-cai", "Ready", "True");

        var yaml = (await _kubectl.RunAsync($"get canisterdeployment counter -n {ns} -o yaml")).ShouldSucceed().Stdout;
        yaml.Should().Contain("kind: CanisterDeployment").And.Contain("deletionPolicy: Retain").And.Contain("managementPolicy: Full")
            .And.Contain("canisterId: bkyz2-fmaaa-aaaaa-qaaaq-cai").And.Contain("generation: 1");

        var missing = await _kubectl.RunAsync($"get cdep nobody -n {ns}");
        missing.ExitCode.Should().NotBe(0);
        missing.Stderr.Should().Contain("Error from server (NotFound): canisterdeployments.ic-operator.dev \"nobody\" not found");
    }

    [RequiresToolFact("kubectl")]
    public async Task Describe_shows_the_spec_status_and_events()
    {
        var ns = await NamespaceAsync("kubectl-describe");
        (await _kubectl.RunAsync($"apply -n {ns} -f -", Sample("canisterdeployment.yaml"))).ShouldSucceed();
        await MarkReadyAsync(ns, "counter");
        var uid = (await Http.GetAsync(Deployment(ns, "counter")))["metadata.uid"];
        var ev = new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "counter.installed" },
            ["involvedObject"] = new JsonObject { ["apiVersion"] = "ic-operator.dev/v1alpha1", ["kind"] = "CanisterDeployment", ["name"] = "counter", ["namespace"] = ns, ["uid"] = uid },
            ["reason"] = "Installed",
            ["message"] = "Installed version 1.1.0 on bkyz2-fmaaa-aaaaa-qaaaq-cai",
            ["type"] = "Normal",
            ["source"] = new JsonObject { ["component"] = "ic-operator" },
            ["count"] = 1,
            ["firstTimestamp"] = "2026-11-20T22:00:00Z",
            ["lastTimestamp"] = "2026-11-20T22:00:00Z",
        };
        (await Http.PostAsync($"/api/v1/namespaces/{ns}/events", ev)).Status.Should().Be(HttpStatusCode.Created);

        var described = (await _kubectl.RunAsync($"describe cdep counter -n {ns}")).ShouldSucceed().Stdout;
        described.Should().Contain("Name:         counter").And.Contain("Deletion Policy:").And.Contain("Phase:");
        described.Should().Contain("Events:").And.Contain("Installed").And.Contain("Installed version 1.1.0 on bkyz2-fmaaa-aaaaa-qaaaq-cai");
    }

    [RequiresToolFact("kubectl")]
    public async Task Wait_for_condition_Ready_returns_once_the_status_says_so()
    {
        var ns = await NamespaceAsync("kubectl-wait");
        (await _kubectl.RunAsync($"apply -n {ns} -f -", Sample("canisterdeployment.yaml"))).ShouldSucceed();
        var watchesBefore = fixture.Emulator.OpenWatches;

        var waiting = _kubectl.RunAsync($"wait --for=condition=Ready cdep/counter -n {ns} --timeout=40s");
        await Eventually.WaitAsync(() => Task.FromResult<object?>(fixture.Emulator.OpenWatches > watchesBefore || waiting.IsCompleted ? true : null), TimeSpan.FromSeconds(30), "kubectl to watch");
        waiting.IsCompleted.Should().BeFalse("the condition is not met yet");
        await MarkReadyAsync(ns, "counter");

        var result = (await waiting).ShouldSucceed();
        result.Stdout.Should().Contain("canisterdeployment.ic-operator.dev/counter condition met");
    }

    [RequiresToolFact("kubectl")]
    public async Task Delete_waits_for_finalizers_and_ends_on_NotFound()
    {
        var ns = await NamespaceAsync("kubectl-delete");
        (await _kubectl.RunAsync($"apply -n {ns} -f -", Sample("canisterdeployment.yaml"))).ShouldSucceed();
        (await Http.PatchAsync(Deployment(ns, "counter"), """{"metadata":{"finalizers":["ic-operator.dev/canister"]}}""", "application/merge-patch+json")).Status.Should().Be(HttpStatusCode.OK);

        var deleting = _kubectl.RunAsync($"delete cdep counter -n {ns} --timeout=40s");
        await Eventually.WaitAsync(async () => (await Http.GetAsync(Deployment(ns, "counter")))["metadata.deletionTimestamp"], TimeSpan.FromSeconds(30), "the deletion mark");
        deleting.IsCompleted.Should().BeFalse("kubectl waits while a finalizer holds the object");
        await Http.PatchAsync(Deployment(ns, "counter"), """{"metadata":{"finalizers":null}}""", "application/merge-patch+json");

        (await deleting).ShouldSucceed().Stdout.Should().Contain("canisterdeployment.ic-operator.dev \"counter\" deleted");
        (await Http.GetAsync(Deployment(ns, "counter"))).Status.Should().Be(HttpStatusCode.NotFound);

        (await _kubectl.RunAsync($"apply -n {ns} -f {KubeFixtures.FixtureSamples}")).ShouldSucceed();
        (await _kubectl.RunAsync($"delete -n {ns} -f {KubeFixtures.FixtureSamples}")).ShouldSucceed()
            .Stdout.Should().Contain("wasmtemplate.ic-operator.dev \"counter\" deleted");
    }

    [RequiresToolFact("kubectl")]
    public async Task Explain_reads_the_schema_from_openapi_v3()
    {
        var explained = (await _kubectl.RunAsync("explain canisterdeployment.spec.deletionPolicy")).ShouldSucceed().Stdout;
        explained.Should().Contain("KIND:       CanisterDeployment").And.Contain("FIELD: deletionPolicy <string>").And.Contain("ENUM:\n    Retain\n    Stop\n    Delete");

        var top = (await _kubectl.RunAsync("explain wt.spec.versions")).ShouldSucceed().Stdout;
        top.Should().Contain("sha256\t<string> -required-");
    }

    [RequiresToolFact("kubectl")]
    public async Task Api_resources_and_secrets_work_through_apply()
    {
        var ns = await NamespaceAsync("kubectl-core");
        var resources = (await _kubectl.RunAsync("api-resources --api-group=ic-operator.dev")).ShouldSucceed().Stdout;
        resources.Should().Contain("canisterdeployments").And.Contain("cdep").And.Contain("CanisterDeployment");

        const string secret = """
            apiVersion: v1
            kind: Secret
            metadata: {name: ic-operator-identity}
            type: Opaque
            stringData: {identity.pem: "-----BEGIN PRIVATE KEY-----"}
            """;
        (await _kubectl.RunAsync($"apply -n {ns} -f -", secret)).ShouldSucceed().Stdout.Should().Contain("secret/ic-operator-identity created");
        (await _kubectl.RunAsync($"get secrets -n {ns}")).ShouldSucceed().Stdout.Should().Contain("ic-operator-identity");
    }
}
