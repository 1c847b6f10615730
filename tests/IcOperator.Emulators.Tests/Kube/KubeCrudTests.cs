using System.Net;
using System.Text.Json.Nodes;
using static IcOperator.Emulators.Tests.Kube.Manifests;

namespace IcOperator.Emulators.Tests.Kube;

public sealed class KubeCrudTests(KubeEmulatorFixture fixture) : IClassFixture<KubeEmulatorFixture>
{
    private KubeHttp Http => fixture.Http;

    [Fact]
    public async Task Create_assigns_uid_timestamp_generation_and_a_global_resource_version()
    {
        var before = fixture.Emulator.ResourceVersion;
        var created = await Http.PostAsync(Deployments("default"), CanisterDeployment("crud-create"));

        created.Status.Should().Be(HttpStatusCode.Created);
        created["metadata.uid"].Should().MatchRegex("^[0-9a-f-]{36}$");
        created["metadata.generation"].Should().Be("1");
        created["metadata.namespace"].Should().Be("default");
        long.Parse(created["metadata.resourceVersion"]!).Should().Be(before + 1);
        DateTimeOffset.Parse(created["metadata.creationTimestamp"]!).Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));

        var cm = await Http.PostAsync("/api/v1/namespaces/default/configmaps", ConfigMap("crud-create", ("a", "b")));
        long.Parse(cm["metadata.resourceVersion"]!).Should().Be(before + 2, "one counter orders every kind");
        cm["metadata.generation"].Should().BeNull("ConfigMaps carry no generation");
    }

    [Fact]
    public async Task Creating_an_existing_name_is_409_AlreadyExists_and_a_missing_one_is_404_NotFound()
    {
        await Http.PostAsync(Deployments("default"), CanisterDeployment("crud-dup"));
        var again = await Http.PostAsync(Deployments("default"), CanisterDeployment("crud-dup"));

        again.Status.Should().Be(HttpStatusCode.Conflict);
        again["kind"].Should().Be("Status");
        again["reason"].Should().Be("AlreadyExists");
        again["code"].Should().Be("409");
        again["message"].Should().Be("canisterdeployments.ic-operator.dev \"crud-dup\" already exists");
        again["details.name"].Should().Be("crud-dup");
        again["details.group"].Should().Be("ic-operator.dev");
        again["details.kind"].Should().Be("canisterdeployments");

        var missing = await Http.GetAsync(Deployment("default", "crud-nobody"));
        missing.Status.Should().Be(HttpStatusCode.NotFound);
        missing["reason"].Should().Be("NotFound");
        missing["message"].Should().Be("canisterdeployments.ic-operator.dev \"crud-nobody\" not found");
    }

    [Fact]
    public async Task Updating_with_a_stale_resource_version_is_409_Conflict()
    {
        var created = await Http.PostAsync(Deployments("default"), CanisterDeployment("crud-stale"));
        var first = created.Body.DeepClone().AsObject();
        first["spec"]!["template"]!["version"] = "1.0.1";
        (await Http.PutAsync(Deployment("default", "crud-stale"), first)).Status.Should().Be(HttpStatusCode.OK);

        var stale = created.Body.DeepClone().AsObject();
        stale["spec"]!["template"]!["version"] = "1.0.2";
        var conflict = await Http.PutAsync(Deployment("default", "crud-stale"), stale);

        conflict.Status.Should().Be(HttpStatusCode.Conflict);
        conflict["reason"].Should().Be("Conflict");
        conflict["message"].Should().Contain("the object has been modified; please apply your changes to the latest version and try again");
        (await Http.GetAsync(Deployment("default", "crud-stale")))["spec.template.version"].Should().Be("1.0.1");
    }

    [Fact]
    public async Task Custom_resource_update_without_resource_version_is_422()
    {
        await Http.PostAsync(Deployments("default"), CanisterDeployment("crud-norv"));
        var reply = await Http.PutAsync(Deployment("default", "crud-norv"), CanisterDeployment("crud-norv", "2.0.0"));

        reply.Status.Should().Be(HttpStatusCode.UnprocessableEntity);
        reply["details.causes.0.field"].Should().Be("metadata.resourceVersion");
    }

    [Fact]
    public async Task Generation_moves_with_spec_changes_only()
    {
        var created = await Http.PostAsync(Deployments("default"), CanisterDeployment("crud-gen"));
        var path = Deployment("default", "crud-gen");

        var labelled = await Http.PatchAsync(path, """{"metadata":{"labels":{"team":"a"}}}""", "application/merge-patch+json");
        labelled["metadata.generation"].Should().Be("1");
        long.Parse(labelled["metadata.resourceVersion"]!).Should().BeGreaterThan(long.Parse(created["metadata.resourceVersion"]!));

        var status = await Http.PatchAsync(path + "/status", """{"status":{"phase":"Ready"}}""", "application/merge-patch+json");
        status["metadata.generation"].Should().Be("1");

        var changed = await Http.PatchAsync(path, """{"spec":{"template":{"version":"1.1.0"}}}""", "application/merge-patch+json");
        changed["metadata.generation"].Should().Be("2");
    }

    [Fact]
    public async Task Status_subresource_writes_status_only_and_the_main_resource_keeps_status()
    {
        await Http.PostAsync(Deployments("default"), CanisterDeployment("crud-status"));
        var path = Deployment("default", "crud-status");

        var viaStatus = await Http.PatchAsync(path + "/status",
            """{"spec":{"template":{"version":"9.9.9"}},"status":{"phase":"Installing","canisterId":"aaaaa-aa"}}""", "application/merge-patch+json");
        viaStatus.Status.Should().Be(HttpStatusCode.OK);
        viaStatus["status.phase"].Should().Be("Installing");
        viaStatus["spec.template.version"].Should().Be("1.0.0");

        var viaMain = await Http.PatchAsync(path, """{"spec":{"suspend":true},"status":{"phase":"Failed"}}""", "application/merge-patch+json");
        viaMain["status.phase"].Should().Be("Installing");
        viaMain["spec.suspend"].Should().Be("true");

        var withStatus = CanisterDeployment("crud-status-on-create");
        withStatus["status"] = new JsonObject { ["phase"] = "Ready" };
        (await Http.PostAsync(Deployments("default"), withStatus))["status"].Should().BeNull("status sent on create is dropped");
    }

    [Fact]
    public async Task A_write_that_changes_nothing_keeps_the_resource_version()
    {
        var created = await Http.PostAsync(Deployments("default"), CanisterDeployment("crud-noop"));
        var same = await Http.PutAsync(Deployment("default", "crud-noop"), created.Body);

        same.Status.Should().Be(HttpStatusCode.OK);
        same["metadata.resourceVersion"].Should().Be(created["metadata.resourceVersion"]);
    }

    [Fact]
    public async Task GenerateName_makes_a_unique_name_with_the_prefix()
    {
        var body = CanisterDeployment("");
        body["metadata"] = new JsonObject { ["generateName"] = "gen-" };

        var first = await Http.PostAsync(Deployments("default"), body);
        var second = await Http.PostAsync(Deployments("default"), body);

        first["metadata.name"].Should().MatchRegex("^gen-[bcdfghjklmnpqrstvwxz2456789]{5}$");
        second["metadata.name"].Should().NotBe(first["metadata.name"]);
    }

    [Fact]
    public async Task Names_are_validated_and_a_missing_namespace_is_404()
    {
        var invalid = await Http.PostAsync(Deployments("default"), CanisterDeployment("Not_Valid"));
        invalid.Status.Should().Be(HttpStatusCode.UnprocessableEntity);
        invalid["details.causes.0.field"].Should().Be("metadata.name");

        var nowhere = await Http.PostAsync(Deployments("nowhere"), CanisterDeployment("x"));
        nowhere.Status.Should().Be(HttpStatusCode.NotFound);
        nowhere["message"].Should().Be("namespaces \"nowhere\" not found");
    }

    [Fact]
    public async Task Dry_run_validates_without_storing()
    {
        var reply = await Http.SendAsync(HttpMethod.Post, Deployments("default") + "?dryRun=All", CanisterDeployment("crud-dry").ToJsonString(), "application/json");

        reply.Status.Should().Be(HttpStatusCode.OK);
        reply["spec.deletionPolicy"].Should().Be("Retain");
        (await Http.GetAsync(Deployment("default", "crud-dry"))).Status.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Lists_filter_by_label_and_field_selectors_and_page_with_continue()
    {
        await Http.PostAsync("/api/v1/namespaces", Namespace("crud-list"));
        for (var i = 0; i < 5; i++)
        {
            var body = CanisterDeployment($"item-{i}");
            body["metadata"]!["labels"] = new JsonObject { ["tier"] = i % 2 == 0 ? "even" : "odd", ["index"] = i.ToString() };
            (await Http.PostAsync(Deployments("crud-list"), body)).Status.Should().Be(HttpStatusCode.Created);
        }

        string Names(KubeHttp.Reply reply) => string.Join(",", reply.Body["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>()));

        Names(await Http.GetAsync(Deployments("crud-list") + "?labelSelector=tier%3Deven")).Should().Be("item-0,item-2,item-4");
        Names(await Http.GetAsync(Deployments("crud-list") + "?labelSelector=tier!%3Deven,index%20notin%20(3)")).Should().Be("item-1");
        Names(await Http.GetAsync(Deployments("crud-list") + "?labelSelector=index%20in%20(0,4)")).Should().Be("item-0,item-4");
        Names(await Http.GetAsync(Deployments("crud-list") + "?labelSelector=!tier")).Should().BeEmpty();
        Names(await Http.GetAsync(Deployments("crud-list") + "?fieldSelector=metadata.name%3Ditem-3")).Should().Be("item-3");
        Names(await Http.GetAsync(Manifests.Group + "/canisterdeployments?fieldSelector=metadata.namespace%3Dcrud-list,metadata.name!%3Ditem-0")).Should().Be("item-1,item-2,item-3,item-4");

        var page1 = await Http.GetAsync(Deployments("crud-list") + "?limit=2");
        Names(page1).Should().Be("item-0,item-1");
        page1["metadata.remainingItemCount"].Should().Be("3");
        var page2 = await Http.GetAsync(Deployments("crud-list") + "?limit=2&continue=" + Uri.EscapeDataString(page1["metadata.continue"]!));
        Names(page2).Should().Be("item-2,item-3");
        var page3 = await Http.GetAsync(Deployments("crud-list") + "?limit=2&continue=" + Uri.EscapeDataString(page2["metadata.continue"]!));
        Names(page3).Should().Be("item-4");
        page3["metadata.continue"].Should().BeNull();

        var unsupported = await Http.GetAsync(Deployments("crud-list") + "?fieldSelector=spec.suspend%3Dtrue");
        unsupported.Status.Should().Be(HttpStatusCode.BadRequest);
        unsupported["message"].Should().Be("field label not supported: spec.suspend");
    }

    [Fact]
    public async Task Built_in_kinds_are_served_and_their_lists_omit_item_kinds()
    {
        var lease = new JsonObject
        {
            ["apiVersion"] = "coordination.k8s.io/v1",
            ["kind"] = "Lease",
            ["metadata"] = new JsonObject { ["name"] = "ic-operator-leader" },
            ["spec"] = new JsonObject { ["holderIdentity"] = "pod-a", ["leaseDurationSeconds"] = 15 },
        };
        (await Http.PostAsync("/apis/coordination.k8s.io/v1/namespaces/default/leases", lease)).Status.Should().Be(HttpStatusCode.Created);
        var secret = new JsonObject { ["metadata"] = new JsonObject { ["name"] = "identity" }, ["data"] = new JsonObject { ["identity.pem"] = "LS0tLQ==" } };
        (await Http.PostAsync("/api/v1/namespaces/default/secrets", secret)).Status.Should().Be(HttpStatusCode.Created);
        var ev = new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "counter.1" },
            ["involvedObject"] = new JsonObject { ["kind"] = "CanisterDeployment", ["name"] = "counter", ["namespace"] = "default" },
            ["reason"] = "Installed",
            ["type"] = "Normal",
        };
        (await Http.PostAsync("/api/v1/namespaces/default/events", ev)).Status.Should().Be(HttpStatusCode.Created);

        var events = await Http.GetAsync("/api/v1/namespaces/default/events?fieldSelector=involvedObject.name%3Dcounter,involvedObject.kind%3DCanisterDeployment");
        events["items.0.reason"].Should().Be("Installed");
        events["items.0.kind"].Should().BeNull();
        events["kind"].Should().Be("EventList");

        var leases = await Http.GetAsync("/apis/coordination.k8s.io/v1/namespaces/default/leases/ic-operator-leader");
        leases["spec.holderIdentity"].Should().Be("pod-a");
        leases["kind"].Should().Be("Lease");
    }
}
