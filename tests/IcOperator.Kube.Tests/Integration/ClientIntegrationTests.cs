using System.Text.Json.Nodes;
using IcOperator.Kube.Client;
using IcOperator.Kube.Resources;
using IcOperator.Kube.Tests.Fakes;

namespace IcOperator.Kube.Tests.Integration;

public sealed class ClientIntegrationTests
{
    [Fact]
    public async Task Schema_violations_come_back_as_Invalid_with_the_field_named()
    {
        await using var cluster = await EmulatedCluster.StartAsync();
        using var client = cluster.NewClient();

        var bad = Widget.New("bad", size: -1);
        var error = await FluentActions.Awaiting(() => client.CreateAsync(Widget.Resource, bad)).Should().ThrowAsync<KubeInvalidException>();
        error.Which.Causes.Select(c => c.Field).Should().Contain("spec.size");
        error.Which.Message.Should().Contain("spec.size");
    }

    [Fact]
    public async Task Apply_creates_then_merges_and_list_pages_through_everything()
    {
        await using var cluster = await EmulatedCluster.StartAsync();
        using var client = cluster.NewClient();
        var applied = await client.PatchAsync(
            Widget.Resource,
            "applied",
            "default",
            KubePatch.Apply(new JsonObject
            {
                ["apiVersion"] = "test.ic-operator.dev/v1",
                ["kind"] = "Widget",
                ["metadata"] = new JsonObject { ["name"] = "applied", ["namespace"] = "default" },
                ["spec"] = new JsonObject { ["template"] = "basic", ["size"] = 2 },
            }),
            new PatchOptions { FieldManager = "ic-operator", Force = true });
        applied.Spec.Size.Should().Be(2);
        applied.Metadata.ManagedFields.Should().NotBeNullOrEmpty("the server-side apply bookkeeping is read back");

        for (var i = 0; i < 11; i++)
        {
            await client.CreateAsync(Widget.Resource, Widget.New($"w{i:00}"));
        }

        var all = await client.ListAllAsync(Widget.Resource, "default", new ListOptions { Limit = 4 });
        all.Items.Should().HaveCount(12);
        all.Items.Select(w => w.Metadata.Name).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task Delete_preconditions_and_throttling_surface_as_typed_errors()
    {
        await using var cluster = await EmulatedCluster.StartAsync();
        using var client = cluster.NewClient();
        await client.CreateAsync(Widget.Resource, Widget.New("w"));

        await FluentActions.Awaiting(() => client.DeleteAsync(Widget.Resource, "w", "default", new DeleteOptions { Preconditions = new DeletePreconditions { Uid = "not-its-uid" } }))
            .Should().ThrowAsync<KubeConflictException>();

        cluster.Emulator.Faults.TooManyRequestsShare = 1;
        var throttled = await FluentActions.Awaiting(() => client.GetAsync(Widget.Resource, "w", "default")).Should().ThrowAsync<KubeTooManyRequestsException>();
        throttled.Which.RetryAfter.Should().Be(TimeSpan.FromSeconds(1));
        cluster.Emulator.Faults.Reset();

        (await client.DeleteAsync(Widget.Resource, "w", "default", new DeleteOptions { PropagationPolicy = "Background" })).Should().BeTrue();
        (await client.TryGetAsync(Widget.Resource, "w", "default")).Should().BeNull();
    }
}
