using System.Net;
using System.Text.Json.Nodes;
using static IcOperator.Emulators.Tests.Kube.Manifests;

namespace IcOperator.Emulators.Tests.Kube;

public sealed class KubeConcurrencyTests(KubeEmulatorFixture fixture) : IClassFixture<KubeEmulatorFixture>
{
    private KubeHttp Http => fixture.Http;

    [Fact]
    public async Task Of_concurrent_updates_from_one_resource_version_exactly_one_wins()
    {
        var created = await Http.PostAsync(Deployments("default"), CanisterDeployment("race"));
        var attempts = Enumerable.Range(0, 16).Select(i =>
        {
            var body = created.Body.DeepClone().AsObject();
            body["spec"]!["template"]!["version"] = $"1.0.{i + 1}";
            return Http.PutAsync(Deployment("default", "race"), body);
        });

        var replies = await Task.WhenAll(attempts);

        replies.Count(r => r.Status == HttpStatusCode.OK).Should().Be(1);
        replies.Count(r => r.Status == HttpStatusCode.Conflict).Should().Be(15);
        var winner = replies.Single(r => r.Status == HttpStatusCode.OK);
        (await Http.GetAsync(Deployment("default", "race")))["spec.template.version"].Should().Be(winner["spec.template.version"]);
    }

    [Fact]
    public async Task A_watch_sees_concurrent_writes_once_each_in_resource_version_order()
    {
        (await Http.PostAsync("/api/v1/namespaces", Namespace("race-watch"))).Status.Should().Be(HttpStatusCode.Created);
        await using var watch = await WatchReader.OpenAsync(Http, Deployments("race-watch") + "?watch=true&resourceVersion=" + fixture.Emulator.ResourceVersion);

        var writes = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Http.PostAsync(Deployments("race-watch"), CanisterDeployment($"w-{i}"))));
        writes.Should().OnlyContain(w => w.Status == HttpStatusCode.Created);

        var versions = new List<long>();
        var names = new HashSet<string>();
        while (versions.Count < 40)
        {
            var change = await watch.NextChangeAsync();
            change.Type.Should().Be("ADDED");
            versions.Add(long.Parse(change.Object["metadata"]!["resourceVersion"]!.GetValue<string>()));
            names.Add(change.Object["metadata"]!["name"]!.GetValue<string>());
        }

        versions.Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        names.Should().HaveCount(40);
        versions.Should().BeEquivalentTo(writes.Select(w => long.Parse(w["metadata.resourceVersion"]!)));
    }
}
