using System.Net;
using System.Text.Json.Nodes;
using static IcOperator.Emulators.Tests.Kube.Manifests;

namespace IcOperator.Emulators.Tests.Kube;

public sealed class KubeDeletionTests(KubeEmulatorFixture fixture) : IClassFixture<KubeEmulatorFixture>
{
    private KubeHttp Http => fixture.Http;

    private static JsonObject Owned(JsonObject obj, KubeHttp.Reply owner, bool block = false)
    {
        obj["metadata"]!["ownerReferences"] = new JsonArray(new JsonObject
        {
            ["apiVersion"] = "ic-operator.dev/v1alpha1",
            ["kind"] = "CanisterDeployment",
            ["name"] = owner["metadata.name"],
            ["uid"] = owner["metadata.uid"],
            ["blockOwnerDeletion"] = block,
        });
        return obj;
    }

    [Fact]
    public async Task Delete_with_finalizers_only_marks_and_removing_the_last_finalizer_deletes()
    {
        var body = CanisterDeployment("del-fin");
        body["metadata"]!["finalizers"] = new JsonArray("ic-operator.dev/canister", "example.org/other");
        var created = await Http.PostAsync(Deployments("default"), body);
        var path = Deployment("default", "del-fin");

        var marked = await Http.DeleteAsync(path, new JsonObject { ["propagationPolicy"] = "Background" });
        marked.Status.Should().Be(HttpStatusCode.OK);
        marked["metadata.deletionTimestamp"].Should().NotBeNull();
        marked["metadata.generation"].Should().Be("2", "setting deletionTimestamp bumps a custom resource's generation");

        var again = await Http.GetAsync(path);
        again["metadata.deletionTimestamp"].Should().Be(marked["metadata.deletionTimestamp"]);

        var adding = await Http.PatchAsync(path, """{"metadata":{"finalizers":["ic-operator.dev/canister","example.org/other","late/one"]}}""", "application/merge-patch+json");
        adding.Status.Should().Be(HttpStatusCode.UnprocessableEntity);

        (await Http.PatchAsync(path, """[{"op":"remove","path":"/metadata/finalizers/1"}]""", "application/json-patch+json")).Status.Should().Be(HttpStatusCode.OK);
        (await Http.GetAsync(path)).Status.Should().Be(HttpStatusCode.OK);

        var last = await Http.PatchAsync(path, """{"metadata":{"finalizers":null}}""", "application/merge-patch+json");
        last.Status.Should().Be(HttpStatusCode.OK);
        (await Http.GetAsync(path)).Status.Should().Be(HttpStatusCode.NotFound);
        created["metadata.uid"].Should().NotBeNull();
    }

    [Fact]
    public async Task Deleting_an_owner_collects_its_dependents_in_the_background()
    {
        var owner = await Http.PostAsync(Deployments("default"), CanisterDeployment("del-owner"));
        await Http.PostAsync("/api/v1/namespaces/default/configmaps", Owned(ConfigMap("del-owned-a"), owner));
        var second = CanisterDeployment("del-owner-2");
        var owner2 = await Http.PostAsync(Deployments("default"), second);
        var shared = Owned(ConfigMap("del-shared"), owner);
        shared["metadata"]!["ownerReferences"]!.AsArray().Add(new JsonObject
        {
            ["apiVersion"] = "ic-operator.dev/v1alpha1",
            ["kind"] = "CanisterDeployment",
            ["name"] = "del-owner-2",
            ["uid"] = owner2["metadata.uid"],
        });
        await Http.PostAsync("/api/v1/namespaces/default/configmaps", shared);

        var deleted = await Http.DeleteAsync(Deployment("default", "del-owner"));
        deleted.Status.Should().Be(HttpStatusCode.OK);
        deleted["kind"].Should().Be("CanisterDeployment", "custom resources come back as the deleted object");

        (await Http.GetAsync("/api/v1/namespaces/default/configmaps/del-owned-a")).Status.Should().Be(HttpStatusCode.NotFound);
        var survivor = await Http.GetAsync("/api/v1/namespaces/default/configmaps/del-shared");
        survivor.Status.Should().Be(HttpStatusCode.OK, "an object with a remaining owner stays");
        survivor.Body["metadata"]!["ownerReferences"]!.AsArray().Should().ContainSingle().Which!["name"]!.GetValue<string>().Should().Be("del-owner-2");
    }

    [Fact]
    public async Task Foreground_deletion_waits_for_dependents_and_orphan_keeps_them()
    {
        var owner = await Http.PostAsync(Deployments("default"), CanisterDeployment("del-fg"));
        var child = Owned(ConfigMap("del-fg-child"), owner, block: true);
        child["metadata"]!["finalizers"] = new JsonArray("example.org/hold");
        await Http.PostAsync("/api/v1/namespaces/default/configmaps", child);

        var marked = await Http.DeleteAsync(Deployment("default", "del-fg"), new JsonObject { ["propagationPolicy"] = "Foreground" });
        marked["metadata.finalizers"].Should().Contain("foregroundDeletion");
        (await Http.GetAsync("/api/v1/namespaces/default/configmaps/del-fg-child"))["metadata.deletionTimestamp"].Should().NotBeNull();
        (await Http.GetAsync(Deployment("default", "del-fg"))).Status.Should().Be(HttpStatusCode.OK);

        await Http.PatchAsync("/api/v1/namespaces/default/configmaps/del-fg-child", """{"metadata":{"finalizers":null}}""", "application/merge-patch+json");
        (await Http.GetAsync("/api/v1/namespaces/default/configmaps/del-fg-child")).Status.Should().Be(HttpStatusCode.NotFound);
        (await Http.GetAsync(Deployment("default", "del-fg"))).Status.Should().Be(HttpStatusCode.NotFound);

        var parent = await Http.PostAsync(Deployments("default"), CanisterDeployment("del-orphan"));
        await Http.PostAsync("/api/v1/namespaces/default/configmaps", Owned(ConfigMap("del-orphan-child"), parent));
        await Http.DeleteAsync(Deployment("default", "del-orphan"), new JsonObject { ["propagationPolicy"] = "Orphan" });
        (await Http.GetAsync(Deployment("default", "del-orphan"))).Status.Should().Be(HttpStatusCode.NotFound);
        var orphan = await Http.GetAsync("/api/v1/namespaces/default/configmaps/del-orphan-child");
        orphan.Status.Should().Be(HttpStatusCode.OK);
        orphan["metadata.ownerReferences"].Should().BeNull();
    }

    [Fact]
    public async Task Delete_preconditions_and_built_in_status_reply()
    {
        var cm = await Http.PostAsync("/api/v1/namespaces/default/configmaps", ConfigMap("del-pre"));
        var wrong = await Http.DeleteAsync("/api/v1/namespaces/default/configmaps/del-pre", new JsonObject { ["preconditions"] = new JsonObject { ["uid"] = "not-the-uid" } });
        wrong.Status.Should().Be(HttpStatusCode.Conflict);
        wrong["message"].Should().Contain("Precondition failed: UID in precondition: not-the-uid");

        var ok = await Http.DeleteAsync("/api/v1/namespaces/default/configmaps/del-pre", new JsonObject { ["preconditions"] = new JsonObject { ["uid"] = cm["metadata.uid"] } });
        ok.Status.Should().Be(HttpStatusCode.OK);
        ok["kind"].Should().Be("Status");
        ok["status"].Should().Be("Success");
        ok["details.uid"].Should().Be(cm["metadata.uid"]);
    }

    [Fact]
    public async Task Deleting_a_namespace_terminates_it_after_its_contents()
    {
        await Http.PostAsync("/api/v1/namespaces", Namespace("del-ns"));
        var held = CanisterDeployment("held");
        held["metadata"]!["finalizers"] = new JsonArray("ic-operator.dev/canister");
        await Http.PostAsync(Deployments("del-ns"), held);
        await Http.PostAsync("/api/v1/namespaces/del-ns/configmaps", ConfigMap("plain"));

        var terminating = await Http.DeleteAsync("/api/v1/namespaces/del-ns");
        terminating.Status.Should().Be(HttpStatusCode.OK);
        (await Http.GetAsync("/api/v1/namespaces/del-ns"))["status.phase"].Should().Be("Terminating");
        (await Http.GetAsync("/api/v1/namespaces/del-ns/configmaps/plain")).Status.Should().Be(HttpStatusCode.NotFound);
        (await Http.GetAsync(Deployment("del-ns", "held")))["metadata.deletionTimestamp"].Should().NotBeNull();
        var refused = await Http.PostAsync("/api/v1/namespaces/del-ns/configmaps", ConfigMap("late"));
        refused.Status.Should().Be(HttpStatusCode.Forbidden);

        await Http.PatchAsync(Deployment("del-ns", "held"), """{"metadata":{"finalizers":[]}}""", "application/merge-patch+json");
        (await Http.GetAsync("/api/v1/namespaces/del-ns")).Status.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Deletecollection_deletes_what_the_selector_matches()
    {
        await Http.PostAsync("/api/v1/namespaces", Namespace("del-coll"));
        foreach (var (name, tier) in new[] { ("a", "x"), ("b", "x"), ("c", "y") })
        {
            var body = CanisterDeployment(name);
            body["metadata"]!["labels"] = new JsonObject { ["tier"] = tier };
            await Http.PostAsync(Deployments("del-coll"), body);
        }

        var reply = await Http.DeleteAsync(Deployments("del-coll") + "?labelSelector=tier%3Dx");
        reply.Status.Should().Be(HttpStatusCode.OK);
        var left = await Http.GetAsync(Deployments("del-coll"));
        left.Body["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>()).Should().Equal("c");
    }
}
