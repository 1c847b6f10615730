using System.Net;
using System.Text.Json.Nodes;
using IcOperator.Kube.Client;
using IcOperator.Kube.Config;
using IcOperator.Kube.Resources;
using IcOperator.Kube.Tests.Fakes;
using IcOperator.Kube.Watch;

namespace IcOperator.Kube.Tests.Client;

public sealed class KubeClientTests : IDisposable
{
    private const string Widgets = "test.ic-operator.dev/v1/widgets";
    private readonly FakeApiServer server = new();
    private readonly RecordingRuntimeMetrics metrics = new();
    private readonly IKubeClient client;

    public KubeClientTests()
    {
        client = KubeClientFactory.Create(
            new KubernetesClientConfiguration { Host = "https://kube.test:6443", AccessToken = "s3cret", Namespace = "apps" },
            metrics,
            server);
    }

    public void Dispose() => client.Dispose();

    [Fact]
    public async Task Create_then_get_round_trips_a_custom_resource_in_the_default_namespace()
    {
        var created = await client.CreateAsync(Widget.Resource, Widget.New("w1", ns: null!));

        created.Metadata.NamespaceProperty.Should().Be("apps");
        created.Metadata.Uid.Should().NotBeNullOrEmpty();
        created.Metadata.Generation.Should().Be(1);
        var post = server.Requests.Single(r => r.Method == "POST");
        post.PathAndQuery.Should().Be("/apis/test.ic-operator.dev/v1/namespaces/apps/widgets");
        post.Body.Should().Contain("\"apiVersion\":\"test.ic-operator.dev/v1\"").And.Contain("\"kind\":\"Widget\"");
        post.Authorization.Should().Be("Bearer s3cret");

        var fetched = await client.GetAsync(Widget.Resource, "w1", "apps");
        fetched.Spec.Template.Should().Be("basic");
        fetched.Metadata.ResourceVersion.Should().Be(created.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task Core_kinds_use_the_core_api_path_and_secret_data_is_bytes()
    {
        var secret = new V1Secret { Metadata = new V1ObjectMeta { Name = "identity", NamespaceProperty = "ops" }, Data = new Dictionary<string, byte[]> { ["identity.pem"] = [1, 2, 3, 250] } };
        await client.CreateAsync(CoreResources.Secrets, secret);

        server.Requests.Last().PathAndQuery.Should().Be("/api/v1/namespaces/ops/secrets");
        server.Requests.Last().Body.Should().Contain("\"identity.pem\":\"AQID+g==\"");
        (await client.GetAsync(CoreResources.Secrets, "identity", "ops")).Data!["identity.pem"].Should().Equal(1, 2, 3, 250);
    }

    [Fact]
    public async Task TryGet_is_null_for_a_missing_object_and_Get_throws_NotFound()
    {
        (await client.TryGetAsync(Widget.Resource, "nope", "apps")).Should().BeNull();
        await FluentActions.Awaiting(() => client.GetAsync(Widget.Resource, "nope", "apps")).Should().ThrowAsync<KubeNotFoundException>();
    }

    [Fact]
    public async Task Creating_an_existing_name_is_AlreadyExists()
    {
        await client.CreateAsync(Widget.Resource, Widget.New("w1", ns: "apps"));
        await FluentActions.Awaiting(() => client.CreateAsync(Widget.Resource, Widget.New("w1", ns: "apps"))).Should().ThrowAsync<KubeAlreadyExistsException>();
    }

    [Fact]
    public async Task Replace_with_a_stale_resource_version_is_a_Conflict()
    {
        var first = await client.CreateAsync(Widget.Resource, Widget.New("w1", ns: "apps"));
        var second = await client.GetAsync(Widget.Resource, "w1", "apps");

        first.Spec.Size = 5;
        var updated = await client.ReplaceAsync(Widget.Resource, first);
        updated.Metadata.Generation.Should().Be(2);

        second.Spec.Size = 6;
        await FluentActions.Awaiting(() => client.ReplaceAsync(Widget.Resource, second)).Should().ThrowAsync<KubeConflictException>();
    }

    [Fact]
    public async Task List_filters_by_label_and_ListAll_follows_continue_tokens()
    {
        for (var i = 0; i < 7; i++)
        {
            var w = Widget.New($"w{i}", ns: "apps");
            w.Metadata.Labels = new Dictionary<string, string>() { ["tier"] = i % 2 == 0 ? "even" : "odd" };
            await client.CreateAsync(Widget.Resource, w);
        }

        var page = await client.ListAsync(Widget.Resource, "apps", new ListOptions { Limit = 3 });
        page.Items.Should().HaveCount(3);
        page.Metadata.ContinueProperty.Should().NotBeNullOrEmpty();

        var all = await client.ListAllAsync(Widget.Resource, "apps", new ListOptions { Limit = 3, LabelSelector = "tier=even" });
        all.Items.Select(w => w.Metadata.Name).Should().BeEquivalentTo("w0", "w2", "w4", "w6");
        all.Items.Should().OnlyContain(w => w.Kind == "Widget" && w.ApiVersion == "test.ic-operator.dev/v1");
        server.Requests.Last(r => r.Method == "GET").PathAndQuery.Should().Contain("labelSelector=tier%3Deven").And.Contain("limit=3").And.Contain("continue=");
        all.Metadata.ResourceVersion.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task Patches_send_their_content_type_and_field_manager()
    {
        await client.CreateAsync(Widget.Resource, Widget.New("w1", ns: "apps"));

        var merged = await client.PatchAsync(Widget.Resource, "w1", "apps", KubePatch.Merge(new JsonObject { ["spec"] = new JsonObject { ["size"] = 9 } }), new PatchOptions { FieldManager = "ic-operator" });
        merged.Spec.Size.Should().Be(9);
        merged.Spec.Template.Should().Be("basic", "a merge patch leaves fields it does not name");
        var patch = server.Requests.Last();
        patch.ContentType.Should().Be("application/merge-patch+json");
        patch.PathAndQuery.Should().EndWith("/widgets/w1?fieldManager=ic-operator");

        KubePatch.Json("""[{"op":"replace","path":"/spec/size","value":2}]""").ContentType.Should().Be("application/json-patch+json");
        KubePatch.Apply(new JsonObject()).ContentType.Should().Be("application/apply-patch+yaml");
        await FluentActions.Awaiting(() => client.PatchAsync(Widget.Resource, "w1", "apps", KubePatch.Apply(new JsonObject()))).Should()
            .ThrowAsync<ArgumentException>().WithMessage("*FieldManager*");
    }

    [Fact]
    public async Task Status_patch_goes_to_the_subresource_and_does_not_change_spec()
    {
        var w = await client.CreateAsync(Widget.Resource, Widget.New("w1", ns: "apps"));
        w.Spec.Size = 42;
        w.Status = new WidgetStatus { Phase = "Ready", ObservedGeneration = 1 };

        var written = await client.PatchStatusFromAsync(Widget.Resource, w);
        server.Requests.Last().PathAndQuery.Should().Be("/apis/test.ic-operator.dev/v1/namespaces/apps/widgets/w1/status");
        written.Status!.Phase.Should().Be("Ready");
        written.Spec.Size.Should().Be(1);
        written.Metadata.Generation.Should().Be(1, "a status write does not bump the generation");
    }

    [Fact]
    public async Task UpdateStatus_retries_when_another_writer_got_there_first()
    {
        await client.CreateAsync(Widget.Resource, Widget.New("w1", ns: "apps"));
        var interfered = 0;
        var result = await client.UpdateStatusAsync(Widget.Resource, new ObjectKey("apps", "w1"), w =>
        {
            // The first time, someone else writes between our read and our write.
            if (interfered++ == 0)
            {
                var other = server.Find(Widgets, "apps", "w1")!;
                other["metadata"]!["labels"] = new JsonObject { ["touched"] = "yes" };
                server.Put(Widgets, other);
            }

            w.Status = new WidgetStatus { Phase = "Ready" };
        });

        interfered.Should().Be(2);
        result.Status!.Phase.Should().Be("Ready");
        result.Metadata.Labels.Should().ContainKey("touched");
        server.Requests.Count(r => r.Method == "PATCH").Should().Be(2, "the first write was refused with 409");
    }

    [Fact]
    public async Task Delete_sends_propagation_and_preconditions_and_is_false_when_already_gone()
    {
        var w = await client.CreateAsync(Widget.Resource, Widget.New("w1", ns: "apps"));
        var deleted = await client.DeleteAsync(Widget.Resource, "w1", "apps", new DeleteOptions { PropagationPolicy = "Foreground", Preconditions = new DeletePreconditions { Uid = w.Metadata.Uid } });

        deleted.Should().BeTrue();
        var delete = server.Requests.Last();
        delete.Body.Should().Contain("\"propagationPolicy\":\"Foreground\"").And.Contain($"\"uid\":\"{w.Metadata.Uid}\"");
        (await client.DeleteAsync(Widget.Resource, "w1", "apps")).Should().BeFalse();
    }

    [Fact]
    public async Task Watch_streams_events_with_bookmarks_requested_and_a_server_timeout()
    {
        var start = server.CurrentResourceVersion.ToString();
        await using var events = client.WatchAsync(Widget.Resource, "apps", new WatchOptions { ResourceVersion = start, Timeout = TimeSpan.FromMinutes(7) }).GetAsyncEnumerator();
        var first = events.MoveNextAsync();
        await Eventually.TrueAsync(() => server.ActiveWatchers == 1, "watch registered");
        server.Requests.Last().PathAndQuery.Should().Contain("watch=true").And.Contain($"resourceVersion={start}").And.Contain("allowWatchBookmarks=true").And.Contain("timeoutSeconds=420");

        await client.CreateAsync(Widget.Resource, Widget.New("w1", ns: "apps"));
        (await first).Should().BeTrue();
        events.Current.Type.Should().Be(WatchEventType.Added);
        events.Current.Object!.Metadata.Name.Should().Be("w1");

        server.SendBookmarks();
        (await events.MoveNextAsync()).Should().BeTrue();
        events.Current.Type.Should().Be(WatchEventType.Bookmark);
        events.Current.ResourceVersion.Should().Be(server.CurrentResourceVersion.ToString());
    }

    [Fact]
    public async Task A_watch_from_an_expired_version_throws_Gone()
    {
        server.ExpireHistory();
        var act = async () =>
        {
            await foreach (var _ in client.WatchAsync(Widget.Resource, "apps", new WatchOptions { ResourceVersion = "1" }))
            {
            }
        };
        await act.Should().ThrowAsync<KubeGoneException>();
    }

    [Fact]
    public async Task Requests_are_counted_by_code_method_and_host()
    {
        await client.TryGetAsync(Widget.Resource, "missing", "apps");
        await client.CreateAsync(Widget.Resource, Widget.New("w1", ns: "apps"));

        metrics.Requests("404", "GET", "kube.test:6443").Should().Be(1);
        metrics.Requests("201", "POST", "kube.test:6443").Should().Be(1);
    }

    [Fact]
    public async Task A_token_provider_is_asked_for_every_request_so_a_rotated_token_is_used_at_once()
    {
        var provider = new RotatingTokenProvider();
        using var c = KubeClientFactory.Create(new KubernetesClientConfiguration { Host = "https://kube.test", TokenProvider = provider }, transport: server);

        await c.TryGetAsync(Widget.Resource, "w", "apps");
        await c.TryGetAsync(Widget.Resource, "w", "apps");

        server.Requests.Select(r => r.Authorization).Should().Equal("Bearer token-1", "Bearer token-2");
    }

    private sealed class RotatingTokenProvider : k8s.Authentication.ITokenProvider
    {
        private int issued;

        public Task<System.Net.Http.Headers.AuthenticationHeaderValue> GetAuthenticationHeaderAsync(CancellationToken cancellationToken) =>
            Task.FromResult(new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", $"token-{Interlocked.Increment(ref issued)}"));
    }
}
