using System.Net;
using System.Text.Json.Nodes;
using static IcOperator.Emulators.Tests.Kube.Manifests;

namespace IcOperator.Emulators.Tests.Kube;

public sealed class KubeSchemaTests(KubeEmulatorFixture fixture) : IClassFixture<KubeEmulatorFixture>
{
    private KubeHttp Http => fixture.Http;

    private static JsonObject WithSpec(string name, string specJson)
    {
        var body = CanisterDeployment(name);
        body["spec"] = JsonNode.Parse(specJson);
        return body;
    }

    private static List<(string Reason, string Field, string Message)> Causes(KubeHttp.Reply reply) =>
        reply.Body["details"]!["causes"]!.AsArray()
            .Select(c => (c!["reason"]!.GetValue<string>(), c["field"]!.GetValue<string>(), c["message"]!.GetValue<string>()))
            .ToList();

    [Fact]
    public async Task Defaults_fill_missing_fields_including_nested_ones()
    {
        var created = await Http.PostAsync(Deployments("default"), CanisterDeployment("schema-defaults"));

        created["spec.deletionPolicy"].Should().Be("Retain");
        created["spec.snapshotRetention"].Should().Be("2");
        created["spec.upgrade.snapshot"].Should().Be("true", "upgrade defaults to {} and its own fields default in turn");
        created["spec.upgrade.wasmMemoryPersistence"].Should().Be("keep");

        var explicitValue = await Http.PostAsync(Deployments("default"), WithSpec("schema-explicit",
            """{"networkRef":{"name":"n"},"template":{"name":"t","version":"1"},"upgrade":{"snapshot":false},"deletionPolicy":null}"""));
        explicitValue["spec.upgrade.snapshot"].Should().Be("false");
        explicitValue["spec.deletionPolicy"].Should().Be("Retain", "a null on a non-nullable field is dropped, then defaulted");
    }

    [Fact]
    public async Task Invalid_fields_are_422_with_one_cause_per_field()
    {
        var reply = await Http.PostAsync(Deployments("default"), WithSpec("schema-bad", """
            {
              "networkRef": {},
              "template": {"name": "t", "version": "not valid!"},
              "deletionPolicy": "Destroy",
              "snapshotRetention": 50,
              "suspend": "yes",
              "settings": {"computeAllocation": -1, "controllers": ["a","b","a"], "freezingThreshold": true},
              "canisterId": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
            }
            """));

        reply.Status.Should().Be(HttpStatusCode.UnprocessableEntity);
        reply["reason"].Should().Be("Invalid");
        reply["details.kind"].Should().Be("CanisterDeployment");
        reply["details.group"].Should().Be("ic-operator.dev");
        reply["message"].Should().StartWith("CanisterDeployment.ic-operator.dev \"schema-bad\" is invalid: [");
        var causes = Causes(reply);
        causes.Should().ContainEquivalentOf(("FieldValueRequired", "spec.networkRef.name", "Required value"));
        causes.Should().ContainEquivalentOf(("FieldValueNotSupported", "spec.deletionPolicy", "Unsupported value: \"Destroy\": supported values: \"Retain\", \"Stop\", \"Delete\""));
        causes.Should().ContainEquivalentOf(("FieldValueInvalid", "spec.template.version", "Invalid value: \"not valid!\": spec.template.version in body should match '^[0-9A-Za-z.+-]+$'"));
        causes.Should().ContainEquivalentOf(("FieldValueInvalid", "spec.snapshotRetention", "Invalid value: 50: spec.snapshotRetention in body should be less than or equal to 10"));
        causes.Should().ContainEquivalentOf(("FieldValueTypeInvalid", "spec.suspend", "Invalid value: \"string\": spec.suspend in body must be of type boolean: \"string\""));
        causes.Should().ContainEquivalentOf(("FieldValueInvalid", "spec.settings.computeAllocation", "Invalid value: -1: spec.settings.computeAllocation in body should be greater than or equal to 0"));
        causes.Should().ContainEquivalentOf(("FieldValueDuplicate", "spec.settings.controllers[2]", "Duplicate value: \"a\""));
        causes.Should().ContainEquivalentOf(("FieldValueTypeInvalid", "spec.settings.freezingThreshold", "Invalid value: true: spec.settings.freezingThreshold in body must be of type integer or string: \"boolean\""));
        causes.Should().ContainEquivalentOf(("FieldValueTooLong", "spec.canisterId", "Too long: may not be longer than 63"));
        causes.Should().HaveCount(9);
        (await Http.GetAsync(Deployment("default", "schema-bad"))).Status.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Missing_required_top_level_fields_and_array_limits_are_reported()
    {
        var noTemplate = await Http.PostAsync(Deployments("default"), WithSpec("schema-required", """{"networkRef":{"name":"n"}}"""));
        Causes(noTemplate).Should().Equal(("FieldValueRequired", "spec.template", "Required value"));
        noTemplate["message"].Should().Be("CanisterDeployment.ic-operator.dev \"schema-required\" is invalid: spec.template: Required value");

        var template = new JsonObject
        {
            ["apiVersion"] = "ic-operator.dev/v1alpha1",
            ["kind"] = "WasmTemplate",
            ["metadata"] = new JsonObject { ["name"] = "schema-empty" },
            ["spec"] = new JsonObject { ["versions"] = new JsonArray() },
        };
        var empty = await Http.PostAsync(Group + "/namespaces/default/wasmtemplates", template);
        Causes(empty).Should().Equal(("FieldValueInvalid", "spec.versions", "Invalid value: 0: spec.versions in body should have at least 1 items"));
    }

    [Fact]
    public async Task Unknown_fields_are_pruned_warned_about_or_refused_per_field_validation()
    {
        const string spec = """{"networkRef":{"name":"n","zone":"eu"},"template":{"name":"t","version":"1"},"extra":{"anything":{"goes":1}},"colour":"blue"}""";

        var warned = await Http.PostAsync(Deployments("default"), WithSpec("schema-warn", spec));
        warned.Status.Should().Be(HttpStatusCode.Created);
        warned["spec.colour"].Should().BeNull();
        warned["spec.networkRef.zone"].Should().BeNull();
        warned["spec.extra.anything.goes"].Should().Be("1", "preserve-unknown-fields keeps what is under it");
        warned.Warnings.Should().BeEquivalentTo("299 - \"unknown field \\\"spec.colour\\\"\"", "299 - \"unknown field \\\"spec.networkRef.zone\\\"\"");

        var ignored = await Http.SendAsync(HttpMethod.Post, Deployments("default") + "?fieldValidation=Ignore", WithSpec("schema-ignore", spec).ToJsonString(), "application/json");
        ignored.Status.Should().Be(HttpStatusCode.Created);
        ignored.Warnings.Should().BeEmpty();

        var strict = await Http.SendAsync(HttpMethod.Post, Deployments("default") + "?fieldValidation=Strict", WithSpec("schema-strict", spec).ToJsonString(), "application/json");
        strict.Status.Should().Be(HttpStatusCode.BadRequest);
        strict["reason"].Should().Be("BadRequest");
        strict["message"].Should().Be("CanisterDeployment in version \"v1alpha1\" cannot be handled as a CanisterDeployment: strict decoding error: unknown field \"spec.colour\", unknown field \"spec.networkRef.zone\"");
    }

    [Fact]
    public async Task Nullable_fields_keep_null_and_status_is_validated_too()
    {
        var created = await Http.PostAsync(Deployments("default"), WithSpec("schema-null", """{"networkRef":{"name":"n"},"template":{"name":"t","version":"1"},"note":null}"""));
        created.Body["spec"]!.AsObject().ContainsKey("note").Should().BeTrue();

        var badStatus = await Http.PatchAsync(Deployment("default", "schema-null") + "/status", """{"status":{"phase":"Exploded"}}""", "application/merge-patch+json");
        badStatus.Status.Should().Be(HttpStatusCode.UnprocessableEntity);
        Causes(badStatus).Single().Field.Should().Be("status.phase");

        var badTime = await Http.PatchAsync(Deployment("default", "schema-null") + "/status",
            """{"status":{"conditions":[{"type":"Ready","status":"True","lastTransitionTime":"yesterday"},{"type":"Stalled","status":"False","lastTransitionTime":"2026-11-20T22:00:00.5+01:00"}]}}""",
            "application/merge-patch+json");
        Causes(badTime).Should().Equal(("FieldValueInvalid", "status.conditions[0].lastTransitionTime", "Invalid value: \"yesterday\": status.conditions[0].lastTransitionTime in body must be of type date-time: \"yesterday\""));
    }

    [Fact]
    public async Task A_crd_created_through_the_api_is_served_and_an_invalid_one_is_refused()
    {
        var crd = JsonNode.Parse("""
            {
              "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
              "metadata": {"name": "widgets.example.org"},
              "spec": {
                "group": "example.org", "scope": "Cluster",
                "names": {"plural": "widgets", "singular": "widget", "kind": "Widget"},
                "versions": [
                  {"name": "v1", "served": true, "storage": true,
                   "schema": {"openAPIV3Schema": {"type": "object", "properties": {"size": {"type": "integer", "default": 3}}}}},
                  {"name": "v1beta1", "served": true, "storage": false,
                   "schema": {"openAPIV3Schema": {"type": "object", "properties": {"size": {"type": "integer"}}}}}
                ]
              }
            }
            """)!.AsObject();
        var created = await Http.PostAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", crd);
        created.Status.Should().Be(HttpStatusCode.Created);
        created["status.conditions.1.type"].Should().Be("Established");

        var widget = await Http.PostAsync("/apis/example.org/v1/widgets", new JsonObject { ["metadata"] = new JsonObject { ["name"] = "w" } });
        widget["size"].Should().Be("3");
        widget["metadata.namespace"].Should().BeNull();
        (await Http.GetAsync("/apis/example.org/v1beta1/widgets/w"))["apiVersion"].Should().Be("example.org/v1beta1");
        (await Http.GetAsync("/apis/example.org"))["preferredVersion.version"].Should().Be("v1");

        await Http.DeleteAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.org");
        (await Http.GetAsync("/apis/example.org/v1/widgets")).Status.Should().Be(HttpStatusCode.NotFound);

        var wrongName = crd.DeepClone().AsObject();
        wrongName["metadata"]!["name"] = "gadgets.example.org";
        var refused = await Http.PostAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", wrongName);
        refused.Status.Should().Be(HttpStatusCode.UnprocessableEntity);
        refused["details.causes.0.field"].Should().Be("metadata.name");
    }
}
