using System.Net;
using System.Text.Json.Nodes;

namespace IcOperator.Emulators.Tests.Kube;

/// <summary>The built-in kinds a Helm chart installs besides its CRDs, and the protobuf DeleteOptions Helm sends.</summary>
public sealed class KubeChartKindsTests(KubeEmulatorFixture fixture) : IClassFixture<KubeEmulatorFixture>
{
    private KubeHttp Http => fixture.Http;

    [Theory]
    [InlineData("/api/v1", "services", "Service", true)]
    [InlineData("/api/v1", "serviceaccounts", "ServiceAccount", true)]
    [InlineData("/apis/apps/v1", "deployments", "Deployment", true)]
    [InlineData("/apis/policy/v1", "poddisruptionbudgets", "PodDisruptionBudget", true)]
    [InlineData("/apis/rbac.authorization.k8s.io/v1", "roles", "Role", true)]
    [InlineData("/apis/rbac.authorization.k8s.io/v1", "rolebindings", "RoleBinding", true)]
    [InlineData("/apis/rbac.authorization.k8s.io/v1", "clusterroles", "ClusterRole", false)]
    [InlineData("/apis/rbac.authorization.k8s.io/v1", "clusterrolebindings", "ClusterRoleBinding", false)]
    [InlineData("/apis/networking.k8s.io/v1", "networkpolicies", "NetworkPolicy", true)]
    public async Task Chart_kinds_are_discovered_and_stored_with_their_scope(string groupVersion, string plural, string kind, bool namespaced)
    {
        var discovery = await Http.GetAsync(groupVersion);
        var resource = discovery.Body["resources"]!.AsArray().Single(r => (string)r!["name"]! == plural)!;
        ((string)resource["kind"]!).Should().Be(kind);
        ((bool)resource["namespaced"]!).Should().Be(namespaced);

        var collection = namespaced ? $"{groupVersion}/namespaces/default/{plural}" : $"{groupVersion}/{plural}";
        var name = $"chart-{plural}";
        var created = await Http.PostAsync(collection, new JsonObject
        {
            ["apiVersion"] = groupVersion.Replace("/apis/", string.Empty, StringComparison.Ordinal).Replace("/api/", string.Empty, StringComparison.Ordinal),
            ["kind"] = kind,
            ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { ["app.kubernetes.io/name"] = "ic-operator" } },
        });
        created.Status.Should().Be(HttpStatusCode.Created);
        created["metadata.namespace"].Should().Be(namespaced ? "default" : null);

        (await Http.GetAsync($"{collection}/{name}")).Status.Should().Be(HttpStatusCode.OK);
        (await Http.DeleteAsync($"{collection}/{name}")).Status.Should().Be(HttpStatusCode.OK);
        (await Http.GetAsync($"{collection}/{name}")).Status.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_deployment_bumps_its_generation_on_spec_changes_only_and_a_dry_run_persists_nothing()
    {
        const string path = "/apis/apps/v1/namespaces/default/deployments";
        JsonObject Deployment(int replicas) => new()
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "Deployment",
            ["metadata"] = new JsonObject { ["name"] = "chart-operator" },
            ["spec"] = new JsonObject { ["replicas"] = replicas },
        };

        (await Http.PostAsync(path + "?dryRun=All", Deployment(1))).Status.Should().BeOneOf(HttpStatusCode.OK, HttpStatusCode.Created);
        (await Http.GetAsync(path + "/chart-operator")).Status.Should().Be(HttpStatusCode.NotFound, "a dry run stores nothing");

        (await Http.PostAsync(path, Deployment(1)))["metadata.generation"].Should().Be("1");
        (await Http.PatchAsync(path + "/chart-operator", """{"metadata":{"labels":{"a":"b"}}}""", "application/merge-patch+json"))["metadata.generation"].Should().Be("1");
        (await Http.PatchAsync(path + "/chart-operator", """{"spec":{"replicas":2}}""", "application/merge-patch+json"))["metadata.generation"].Should().Be("2");
    }

    [Fact]
    public async Task Protobuf_delete_options_are_read_dry_run_included()
    {
        (await Http.PostAsync("/api/v1/namespaces/default/secrets", new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Secret",
            ["metadata"] = new JsonObject { ["name"] = "sh.helm.release.v1.chart.v1", ["labels"] = new JsonObject { ["owner"] = "helm" } },
        })).Status.Should().Be(HttpStatusCode.Created);

        (await DeleteWithProtobufAsync("/api/v1/namespaces/default/secrets/sh.helm.release.v1.chart.v1", Field(5, "All"u8.ToArray()))).Should().Be(HttpStatusCode.OK);
        (await Http.GetAsync("/api/v1/namespaces/default/secrets/sh.helm.release.v1.chart.v1")).Status.Should().Be(HttpStatusCode.OK, "dryRun: [All] came in the protobuf body");

        (await DeleteWithProtobufAsync("/api/v1/namespaces/default/secrets/sh.helm.release.v1.chart.v1", [])).Should().Be(HttpStatusCode.OK);
        (await Http.GetAsync("/api/v1/namespaces/default/secrets/sh.helm.release.v1.chart.v1")).Status.Should().Be(HttpStatusCode.NotFound);
    }

    private static byte[] Field(int number, byte[] value) => [(byte)((number << 3) | 2), (byte)value.Length, .. value];

    private async Task<HttpStatusCode> DeleteWithProtobufAsync(string path, byte[] options)
    {
        byte[] envelope = [.. "k8s\0"u8, .. Field(1, [.. Field(1, "meta.k8s.io/v1"u8.ToArray()), .. Field(2, "DeleteOptions"u8.ToArray())]), .. Field(2, options)];
        using var request = new HttpRequestMessage(HttpMethod.Delete, path) { Content = new ByteArrayContent(envelope) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/vnd.kubernetes.protobuf");
        using var reply = await Http.Client.SendAsync(request);
        return reply.StatusCode;
    }
}
