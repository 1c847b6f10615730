using System.Net;
using System.Text.Json.Nodes;
using static IcOperator.Emulators.Tests.Kube.Manifests;

namespace IcOperator.Emulators.Tests.Kube;

public sealed class KubeServingTests(KubeEmulatorFixture fixture) : IClassFixture<KubeEmulatorFixture>
{
    private const string TableAccept = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";

    private KubeHttp Http => fixture.Http;

    [Fact]
    public async Task Requests_need_the_bearer_token_except_version_and_health()
    {
        using var anonymous = new KubeHttp(fixture.Emulator, authenticated: false);

        var denied = await anonymous.GetAsync("/api/v1/namespaces");
        denied.Status.Should().Be(HttpStatusCode.Unauthorized);
        denied["reason"].Should().Be("Unauthorized");
        (await anonymous.GetAsync("/version"))["gitVersion"].Should().Be("v1.32.0");
        (await anonymous.GetAsync("/healthz")).Text.Should().Be("ok");
        fixture.Emulator.BaseUrl.Scheme.Should().Be("https");
        fixture.Emulator.Kubeconfig().Should().Contain("token: \"" + fixture.Emulator.BearerToken + "\"").And.Contain("certificate-authority-data: ");
    }

    [Fact]
    public async Task Discovery_lists_groups_versions_and_resources()
    {
        var core = await Http.GetAsync("/api");
        core["versions.0"].Should().Be("v1");

        var groups = await Http.GetAsync("/apis");
        groups.Body["groups"]!.AsArray().Select(g => g!["name"]!.GetValue<string>())
            .Should().Contain(["ic-operator.dev", "coordination.k8s.io", "apiextensions.k8s.io", "events.k8s.io"]);

        var ours = await Http.GetAsync("/apis/ic-operator.dev/v1alpha1");
        var deployments = ours.Body["resources"]!.AsArray().Single(r => r!["name"]!.GetValue<string>() == "canisterdeployments")!;
        deployments["kind"]!.GetValue<string>().Should().Be("CanisterDeployment");
        deployments["namespaced"]!.GetValue<bool>().Should().BeTrue();
        deployments["shortNames"]!.AsArray().Select(s => s!.GetValue<string>()).Should().Equal("cdep");
        ours.Body["resources"]!.AsArray().Should().Contain(r => r!["name"]!.GetValue<string>() == "canisterdeployments/status");

        (await Http.GetAsync("/api/v1"))["resources"].Should().Contain("\"configmaps\"");
        (await Http.GetAsync("/apis/nothing.example/v1")).Status.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task OpenApi_v3_lists_group_versions_and_offers_field_validation_on_patch()
    {
        var index = await Http.GetAsync("/openapi/v3");
        var url = index.Body["paths"]!["apis/ic-operator.dev/v1alpha1"]!["serverRelativeURL"]!.GetValue<string>();
        url.Should().StartWith("/openapi/v3/apis/ic-operator.dev/v1alpha1?hash=");

        var document = await Http.GetAsync(url);
        var item = document.Body["paths"]!["/apis/ic-operator.dev/v1alpha1/namespaces/{namespace}/canisterdeployments/{name}"]!;
        var patch = item["patch"]!;
        patch["x-kubernetes-group-version-kind"]!["kind"]!.GetValue<string>().Should().Be("CanisterDeployment");
        patch["parameters"]!.AsArray().Should().Contain(p => p!["name"]!.GetValue<string>() == "fieldValidation" && p["in"]!.GetValue<string>() == "query");
        var schema = document.Body["components"]!["schemas"]!["dev.ic-operator.v1alpha1.CanisterDeployment"]!;
        schema["x-kubernetes-group-version-kind"]![0]!["kind"]!.GetValue<string>().Should().Be("CanisterDeployment");
        schema["properties"]!["spec"]!["properties"]!["deletionPolicy"]!["enum"]!.AsArray().Should().HaveCount(3);
    }

    [Fact]
    public async Task Tables_use_the_printer_columns_and_render_ages()
    {
        await Http.PostAsync("/api/v1/namespaces", Namespace("serve-table"));
        await Http.PostAsync(Deployments("serve-table"), CanisterDeployment("tabled", "3.1.4"));
        await Http.PatchAsync(Deployment("serve-table", "tabled") + "/status",
            """{"status":{"phase":"Ready","version":"3.1.4","canisterId":"bkyz2-fmaaa-aaaaa-qaaaq-cai","conditions":[{"type":"Reconciling","status":"False"},{"type":"Ready","status":"True"}]}}""",
            "application/merge-patch+json");

        var table = await Http.GetAsync(Deployments("serve-table"), TableAccept);
        table["kind"].Should().Be("Table");
        table.Body["columnDefinitions"]!.AsArray().Select(c => c!["name"]!.GetValue<string>())
            .Should().Equal("Name", "Template", "Version", "Canister", "Phase", "Ready", "Age");
        var cells = table.Body["rows"]![0]!["cells"]!.AsArray().Select(c => c?.ToString()).ToList();
        cells.Take(6).Should().Equal("tabled", "counter", "3.1.4", "bkyz2-fmaaa-aaaaa-qaaaq-cai", "Ready", "True");
        cells[6].Should().MatchRegex("^[0-9]+s$");
        table["rows.0.object.kind"].Should().Be("PartialObjectMetadata");

        var single = await Http.GetAsync(Deployment("serve-table", "tabled"), TableAccept);
        single.Body["rows"]!.AsArray().Should().ContainSingle();
        var plain = await Http.GetAsync(Deployments("serve-table"));
        plain["kind"].Should().Be("CanisterDeploymentList");
    }

    [Fact]
    public async Task Injected_faults_answer_429_and_500_then_stop_when_reset()
    {
        var faults = fixture.Emulator.Faults;
        try
        {
            faults.TooManyRequestsShare = 1;
            var throttled = await Http.GetAsync("/api/v1/namespaces");
            throttled.Status.Should().Be(HttpStatusCode.TooManyRequests);
            throttled["reason"].Should().Be("TooManyRequests");
            throttled.Headers.GetValues("Retry-After").Should().Equal("1");

            faults.TooManyRequestsShare = 0;
            faults.InternalErrorShare = 1;
            var broken = await Http.GetAsync("/api/v1/namespaces");
            broken.Status.Should().Be(HttpStatusCode.InternalServerError);
            broken["reason"].Should().Be("InternalError");

            faults.InternalErrorShare = 0.5;
            faults.Seed(7);
            var codes = new List<HttpStatusCode>();
            for (var i = 0; i < 40; i++)
            {
                codes.Add((await Http.GetAsync("/api/v1/namespaces/default")).Status);
            }

            codes.Should().Contain(HttpStatusCode.OK).And.Contain(HttpStatusCode.InternalServerError);
        }
        finally
        {
            faults.Reset();
        }

        (await Http.GetAsync("/api/v1/namespaces")).Status.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Protobuf_bodies_are_refused_with_415()
    {
        var reply = await Http.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", "k8s\0", "application/vnd.kubernetes.protobuf");
        reply.Status.Should().Be(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Crds_load_from_a_directory_and_replace_on_reload()
    {
        var directory = Directory.CreateTempSubdirectory("kube-crds-");
        try
        {
            var text = await File.ReadAllTextAsync(Path.Combine(KubeFixtures.FixtureCrds, "ic-operator.dev_wasmtemplates.yaml"));
            var renamed = text.Replace("wasmtemplates", "gizmos", StringComparison.Ordinal).Replace("WasmTemplate", "Gizmo", StringComparison.Ordinal)
                .Replace("wasmtemplate", "gizmo", StringComparison.Ordinal).Replace("shortNames: [wt]", "shortNames: [gz]", StringComparison.Ordinal);
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "gizmo.yaml"), "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: ignored}\n---\n" + renamed);

            fixture.Emulator.LoadCrdsFromDirectory(directory.FullName).Should().Equal("gizmos.ic-operator.dev");
            (await Http.GetAsync(Group + "/namespaces/default/gizmos")).Status.Should().Be(HttpStatusCode.OK);
            fixture.Emulator.LoadCrdsFromDirectory(directory.FullName).Should().Equal("gizmos.ic-operator.dev");
            (await Http.GetAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/gizmos.ic-operator.dev"))["metadata.generation"].Should().Be("1", "reloading the same CRD changes nothing");

            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "broken.yaml"), "kind: CustomResourceDefinition\nmetadata: {name: broken}\nspec: {group: nodots}\n");
            var load = () => fixture.Emulator.LoadCrdsFromDirectory(directory.FullName);
            load.Should().Throw<InvalidDataException>().WithMessage("*broken.yaml*spec.group*");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
