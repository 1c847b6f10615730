using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using IcOperator.Kube.Instrumentation;
using IcOperator.Kube.Resources;
using IcOperator.Kube.Serialization;
using IcOperator.Kube.Watch;
using k8s.Autorest;

namespace IcOperator.Kube.Client;

/// <summary>The REST implementation of <see cref="IKubeClient"/> over one HttpClient.</summary>
internal sealed class KubeClient : IKubeClient
{
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");
    private readonly KubernetesTransport kubernetes;
    private readonly TimeSpan requestTimeout;
    private readonly IRestClientMetrics metrics;
    private readonly string host;

    public KubeClient(KubernetesTransport kubernetes, string defaultNamespace, TimeSpan requestTimeout, IRestClientMetrics metrics)
    {
        this.kubernetes = kubernetes;
        this.requestTimeout = requestTimeout;
        this.metrics = metrics;
        var server = kubernetes.BaseUri;
        host = server.IsDefaultPort ? server.Host : $"{server.Host}:{server.Port}";
        DefaultNamespace = defaultNamespace;
    }

    public string DefaultNamespace { get; }

    public IKubernetes Kubernetes => kubernetes;

    public async Task<T> GetAsync<T>(KubeResource<T> resource, string name, string? @namespace = null, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var path = resource.PathFor(@namespace, name);
        return await SendForObjectAsync(HttpMethod.Get, path, null, null, resource, cancellationToken);
    }

    public async Task<T?> TryGetAsync<T>(KubeResource<T> resource, string name, string? @namespace = null, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        try
        {
            return await GetAsync(resource, name, @namespace, cancellationToken);
        }
        catch (KubeNotFoundException)
        {
            return null;
        }
    }

    public async Task<KubeList<T>> ListAsync<T>(KubeResource<T> resource, string? @namespace = null, ListOptions? options = null, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var query = new QueryBuilder()
            .Add("labelSelector", options?.LabelSelector)
            .Add("fieldSelector", options?.FieldSelector)
            .Add("limit", options?.Limit?.ToString(CultureInfo.InvariantCulture))
            .Add("continue", options?.Continue)
            .Add("resourceVersion", options?.ResourceVersion);
        var path = resource.PathFor(@namespace) + query;
        using var timeout = Deadline(cancellationToken);
        using var response = await SendAsync(HttpMethod.Get, path, null, null, timeout.Token);
        await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
        return await ReadListAsync(body, resource, timeout.Token);
    }

    public async Task<KubeList<T>> ListAllAsync<T>(KubeResource<T> resource, string? @namespace = null, ListOptions? options = null, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        options ??= new ListOptions();
        var first = await ListAsync(resource, @namespace, options, cancellationToken);
        if (string.IsNullOrEmpty(first.Metadata.ContinueProperty))
        {
            return first;
        }

        var items = new List<T>(first.Items);
        var next = first.Metadata.ContinueProperty;
        while (!string.IsNullOrEmpty(next))
        {
            // Later pages are served from the snapshot the continue token names; resourceVersion must not be repeated.
            var page = await ListAsync(resource, @namespace, options with { Continue = next, ResourceVersion = null }, cancellationToken);
            items.AddRange(page.Items);
            next = page.Metadata.ContinueProperty;
        }

        return new KubeList<T> { Metadata = new V1ListMeta { ResourceVersion = first.Metadata.ResourceVersion }, Items = items };
    }

    public Task<T> CreateAsync<T>(KubeResource<T> resource, T obj, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(obj);
        Stamp(resource, obj);
        var path = resource.PathFor(NamespaceOf(resource, obj));
        return SendForObjectAsync(HttpMethod.Post, path, Serialize(resource, obj), JsonContentType, resource, cancellationToken);
    }

    public Task<T> ReplaceAsync<T>(KubeResource<T> resource, T obj, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(obj);
        Stamp(resource, obj);
        var path = resource.PathFor(NamespaceOf(resource, obj), NameOf(resource, obj));
        return SendForObjectAsync(HttpMethod.Put, path, Serialize(resource, obj), JsonContentType, resource, cancellationToken);
    }

    public Task<T> ReplaceStatusAsync<T>(KubeResource<T> resource, T obj, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(obj);
        Stamp(resource, obj);
        var path = resource.PathFor(NamespaceOf(resource, obj), NameOf(resource, obj), "status");
        return SendForObjectAsync(HttpMethod.Put, path, Serialize(resource, obj), JsonContentType, resource, cancellationToken);
    }

    public Task<T> PatchAsync<T>(KubeResource<T> resource, string name, string? @namespace, KubePatch patch, PatchOptions? options = null, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta>
        => Patch(resource, name, @namespace, patch, options, null, cancellationToken);

    public Task<T> PatchStatusAsync<T>(KubeResource<T> resource, string name, string? @namespace, KubePatch patch, PatchOptions? options = null, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta>
        => Patch(resource, name, @namespace, patch, options, "status", cancellationToken);

    public async Task<bool> DeleteAsync<T>(KubeResource<T> resource, string name, string? @namespace = null, DeleteOptions? options = null, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var path = resource.PathFor(@namespace, name);
        var body = options is null || options.IsEmpty ? null : JsonSerializer.SerializeToUtf8Bytes(options, KubeJsonContext.Default.DeleteOptions);
        try
        {
            using var timeout = Deadline(cancellationToken);
            using var response = await SendAsync(HttpMethod.Delete, path, body, body is null ? null : JsonContentType, timeout.Token);
            return true;
        }
        catch (KubeNotFoundException)
        {
            return false;
        }
    }

    public async IAsyncEnumerable<WatchEvent<T>> WatchAsync<T>(KubeResource<T> resource, string? @namespace, WatchOptions options, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(options);
        var query = new QueryBuilder()
            .Add("watch", "true")
            .Add("resourceVersion", options.ResourceVersion)
            .Add("labelSelector", options.LabelSelector)
            .Add("fieldSelector", options.FieldSelector)
            .Add("allowWatchBookmarks", options.AllowWatchBookmarks ? "true" : null)
            .Add("timeoutSeconds", options.Timeout is { } t ? ((long)Math.Ceiling(t.TotalSeconds)).ToString(CultureInfo.InvariantCulture) : null);
        var path = resource.PathFor(@namespace) + query;

        // A server that goes silent past its own timeout is treated as a dropped connection.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (options.Timeout is { } serverTimeout)
        {
            deadline.CancelAfter(serverTimeout + TimeSpan.FromSeconds(30));
        }

        using var response = await SendAsync(HttpMethod.Get, path, null, null, deadline.Token, HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync(deadline.Token);
        await foreach (var e in WatchStream.ReadAsync(body, resource, deadline.Token))
        {
            yield return e;
        }
    }

    public void Dispose() => kubernetes.Dispose();

    private async Task<T> Patch<T>(KubeResource<T> resource, string name, string? @namespace, KubePatch patch, PatchOptions? options, string? subresource, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(patch);
        if (patch.Type == PatchType.Apply && string.IsNullOrEmpty(options?.FieldManager))
        {
            throw new ArgumentException($"an apply patch of {resource} {name} needs PatchOptions.FieldManager", nameof(options));
        }

        var query = new QueryBuilder()
            .Add("fieldManager", options?.FieldManager)
            .Add("force", options?.Force is { } force ? (force ? "true" : "false") : null);
        var path = resource.PathFor(@namespace, name, subresource) + query;
        return await SendForObjectAsync(HttpMethod.Patch, path, Encoding.UTF8.GetBytes(patch.Body), new MediaTypeHeaderValue(patch.ContentType), resource, cancellationToken);
    }

    private async Task<T> SendForObjectAsync<T>(HttpMethod method, string path, byte[]? body, MediaTypeHeaderValue? contentType, KubeResource<T> resource, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        using var timeout = Deadline(cancellationToken);
        using var response = await SendAsync(method, path, body, contentType, timeout.Token);
        await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
        T? obj;
        try
        {
            obj = await JsonSerializer.DeserializeAsync(stream, resource.TypeInfo, timeout.Token);
        }
        catch (JsonException e)
        {
            throw new KubeApiException($"{method} {path}: the response is not a valid {resource.Kind}: {e.Message}", response.StatusCode, null, e);
        }

        if (obj is null)
        {
            throw new KubeApiException($"{method} {path}: expected a {resource.Kind}, found null", response.StatusCode, null);
        }

        Stamp(resource, obj);
        return obj;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, byte[]? body, MediaTypeHeaderValue? contentType, CancellationToken cancellationToken, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        // Relative to the base URI, so a server behind a path prefix (a proxy) keeps it.
        using var request = new HttpRequestMessage(method, new Uri(kubernetes.BaseUri, path.TrimStart('/')));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = contentType;
        }

        HttpResponseMessage response;
        try
        {
            response = await kubernetes.SendAsync(request, cancellationToken);
        }
        catch (HttpOperationException e) when (e.Response is { } refused)
        {
            metrics.RequestCompleted(((int)refused.StatusCode).ToString(CultureInfo.InvariantCulture), method.Method, host);
            throw KubeApiErrors.FromResponse(method.Method, path, refused.StatusCode, refused.Content ?? string.Empty, RetryAfter(refused.Headers));
        }
        catch (HttpRequestException)
        {
            metrics.RequestCompleted("<error>", method.Method, host);
            throw;
        }

        metrics.RequestCompleted(((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), method.Method, host);
        if (completion == HttpCompletionOption.ResponseContentRead)
        {
            try
            {
                await response.Content.LoadIntoBufferAsync(cancellationToken);
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }

        return response;
    }

    private static TimeSpan? RetryAfter(IDictionary<string, IEnumerable<string>> headers)
    {
        var value = headers.FirstOrDefault(h => string.Equals(h.Key, "Retry-After", StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();
        if (value is null)
        {
            return null;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? date - DateTimeOffset.UtcNow
            : null;
    }

    private CancellationTokenSource Deadline(CancellationToken cancellationToken)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        source.CancelAfter(requestTimeout);
        return source;
    }

    private static async Task<KubeList<T>> ReadListAsync<T>(Stream body, KubeResource<T> resource, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        using var document = await JsonDocument.ParseAsync(body, default, cancellationToken);
        var root = document.RootElement;
        var metadata = root.TryGetProperty("metadata", out var m) && m.ValueKind == JsonValueKind.Object
            ? m.Deserialize(KubeJsonContext.Default.V1ListMeta) ?? new V1ListMeta()
            : new V1ListMeta();
        var items = new List<T>();
        if (root.TryGetProperty("items", out var array) && array.ValueKind == JsonValueKind.Array)
        {
            foreach (var element in array.EnumerateArray())
            {
                var item = element.Deserialize(resource.TypeInfo)
                    ?? throw new JsonException($"list of {resource}: null item");

                // The API server leaves apiVersion and kind off list items.
                Stamp(resource, item);
                items.Add(item);
            }
        }

        return new KubeList<T> { Metadata = metadata, Items = items };
    }

    private static void Stamp<T>(KubeResource<T> resource, T obj)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        obj.ApiVersion ??= resource.ApiVersion;
        obj.Kind ??= resource.Kind;
        obj.Metadata ??= new V1ObjectMeta();
    }

    private static byte[] Serialize<T>(KubeResource<T> resource, T obj)
        where T : class, IKubernetesObject<V1ObjectMeta>
        => JsonSerializer.SerializeToUtf8Bytes(obj, resource.TypeInfo);

    private string? NamespaceOf<T>(KubeResource<T> resource, T obj)
        where T : class, IKubernetesObject<V1ObjectMeta>
        => resource.Namespaced ? (obj.Metadata.NamespaceProperty is { Length: > 0 } ns ? ns : DefaultNamespace) : null;

    private static string NameOf<T>(KubeResource<T> resource, T obj)
        where T : class, IKubernetesObject<V1ObjectMeta>
        => obj.Metadata.Name is { Length: > 0 } name
            ? name
            : throw new ArgumentException($"{resource.Kind}: expected metadata.name to address the object, found none", nameof(obj));
}
