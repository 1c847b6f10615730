using System.Net;
using static IcOperator.Emulators.Tests.Kube.Manifests;

namespace IcOperator.Emulators.Tests.Kube;

public sealed class KubePatchTests(KubeEmulatorFixture fixture) : IClassFixture<KubeEmulatorFixture>
{
    private KubeHttp Http => fixture.Http;

    [Fact]
    public async Task Merge_patch_merges_maps_and_null_removes()
    {
        var body = CanisterDeployment("patch-merge");
        body["metadata"]!["labels"] = new System.Text.Json.Nodes.JsonObject { ["a"] = "1", ["b"] = "2" };
        await Http.PostAsync(Deployments("default"), body);

        var patched = await Http.PatchAsync(Deployment("default", "patch-merge"), """{"metadata":{"labels":{"a":null,"c":"3"}},"spec":{"install":{"arg":"()"}}}""", "application/merge-patch+json");

        patched.Status.Should().Be(HttpStatusCode.OK);
        patched["metadata.labels"].Should().Be("""{"b":"2","c":"3"}""");
        patched["spec.install.arg"].Should().Be("()");
        patched["spec.template.name"].Should().Be("counter");
    }

    [Fact]
    public async Task Json_patch_applies_operations_and_a_failed_test_changes_nothing()
    {
        await Http.PostAsync(Deployments("default"), CanisterDeployment("patch-json"));
        var path = Deployment("default", "patch-json");

        var patched = await Http.PatchAsync(path, """
            [{"op":"test","path":"/spec/template/version","value":"1.0.0"},
             {"op":"replace","path":"/spec/template/version","value":"1.2.0"},
             {"op":"add","path":"/metadata/annotations","value":{"x/y":"z"}},
             {"op":"add","path":"/spec/install","value":{}},
             {"op":"copy","from":"/spec/template/name","path":"/spec/install/arg"}]
            """, "application/json-patch+json");
        patched.Status.Should().Be(HttpStatusCode.OK);
        patched["spec.template.version"].Should().Be("1.2.0");
        patched.Body["metadata"]!["annotations"]!["x/y"]!.GetValue<string>().Should().Be("z");
        patched["spec.install.arg"].Should().Be("counter");

        var failed = await Http.PatchAsync(path, """[{"op":"test","path":"/spec/template/version","value":"0.0.1"},{"op":"remove","path":"/spec/install"}]""", "application/json-patch+json");
        failed.Status.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await Http.GetAsync(path))["spec.install.arg"].Should().Be("counter");

        var missing = await Http.PatchAsync(path, """[{"op":"remove","path":"/spec/nothing"}]""", "application/json-patch+json");
        missing.Status.Should().Be(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Patch_with_a_stale_resource_version_is_a_conflict()
    {
        var created = await Http.PostAsync(Deployments("default"), CanisterDeployment("patch-rv"));
        await Http.PatchAsync(Deployment("default", "patch-rv"), """{"spec":{"suspend":true}}""", "application/merge-patch+json");

        var stale = await Http.PatchAsync(Deployment("default", "patch-rv"),
            "{\"metadata\":{\"resourceVersion\":\"" + created["metadata.resourceVersion"] + "\"},\"spec\":{\"suspend\":false}}", "application/merge-patch+json");
        stale.Status.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Strategic_merge_patch_is_a_merge_that_honours_replace_and_primitive_list_deletes()
    {
        await Http.PostAsync("/api/v1/namespaces/default/configmaps", ConfigMap("patch-smp", ("a", "1"), ("b", "2")));
        var patched = await Http.PatchAsync("/api/v1/namespaces/default/configmaps/patch-smp",
            """{"data":{"b":"20","c":"3"},"metadata":{"finalizers":["x/one","x/two"]}}""", "application/strategic-merge-patch+json");
        patched["data"].Should().Be("""{"a":"1","b":"20","c":"3"}""");

        var deleted = await Http.PatchAsync("/api/v1/namespaces/default/configmaps/patch-smp",
            """{"$setElementOrder/x":[],"metadata":{"$deleteFromPrimitiveList/finalizers":["x/one"]},"data":{"$patch":"replace","only":"this"}}""", "application/strategic-merge-patch+json");
        deleted["data"].Should().Be("""{"only":"this"}""");
        deleted["metadata.finalizers"].Should().Be("""["x/two"]""");
    }

    [Fact]
    public async Task Server_side_apply_creates_then_merges_and_records_the_manager()
    {
        const string yaml = """
            apiVersion: ic-operator.dev/v1alpha1
            kind: CanisterDeployment
            metadata:
              name: patch-apply
              labels: {owner: gitops}
            spec:
              networkRef: {name: local}
              template: {name: counter, version: "2.0.0"}
            """;
        var path = Deployment("default", "patch-apply");

        var refused = await Http.PatchAsync(path, yaml, "application/apply-patch+yaml");
        refused.Status.Should().Be(HttpStatusCode.UnprocessableEntity, "apply needs a fieldManager");

        var created = await Http.PatchAsync(path + "?fieldManager=argocd", yaml, "application/apply-patch+yaml");
        created.Status.Should().Be(HttpStatusCode.Created);
        created["spec.template.version"].Should().Be("2.0.0", "a quoted YAML scalar stays a string");
        created["metadata.managedFields.0.manager"].Should().Be("argocd");
        created["metadata.managedFields.0.operation"].Should().Be("Apply");

        await Http.PatchAsync(path + "?fieldManager=operator", """{"spec":{"suspend":true}}""", "application/merge-patch+json");
        var merged = await Http.PatchAsync(path + "?fieldManager=argocd", yaml.Replace("2.0.0", "2.1.0", StringComparison.Ordinal), "application/apply-patch+yaml");
        merged.Status.Should().Be(HttpStatusCode.OK);
        merged["spec.template.version"].Should().Be("2.1.0");
        merged["spec.suspend"].Should().Be("true", "fields applied by others stay");
        merged["metadata.generation"].Should().Be("3");
        merged.Body["metadata"]!["managedFields"]!.AsArray().Select(e => e!["manager"]!.GetValue<string>()).Should().BeEquivalentTo("argocd", "operator");
    }

    [Fact]
    public async Task Unknown_patch_types_are_415_and_patching_a_missing_object_is_404()
    {
        await Http.PostAsync(Deployments("default"), CanisterDeployment("patch-type"));
        var unsupported = await Http.PatchAsync(Deployment("default", "patch-type"), "{}", "application/xml");
        unsupported.Status.Should().Be(HttpStatusCode.UnsupportedMediaType);
        unsupported["reason"].Should().Be("UnsupportedMediaType");

        var missing = await Http.PatchAsync(Deployment("default", "patch-nobody"), "{}", "application/merge-patch+json");
        missing.Status.Should().Be(HttpStatusCode.NotFound);
    }
}
