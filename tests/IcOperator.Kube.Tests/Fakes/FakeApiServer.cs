using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Web;

namespace IcOperator.Kube.Tests.Fakes;

/// <summary>
/// A small in-memory Kubernetes API server behind an HttpMessageHandler: CRUD with resourceVersion and
/// conflicts, the status subresource, merge patches, finalizers, label-selected and paginated lists, and
/// watches with bookmarks, expiry (410) and forced disconnects. Enough to drive the client, reflector,
/// informer, controller and leader election in unit tests.
/// </summary>
internal sealed class FakeApiServer : HttpMessageHandler
{
    private readonly Lock sync = new();
    private readonly Dictionary<string, SortedDictionary<string, JsonObject>> collections = [];
    private readonly Dictionary<string, List<(long Rv, string Type, JsonObject Object)>> history = [];
    private readonly List<Watcher> watchers = [];
    private readonly ConcurrentQueue<Func<HttpRequestMessage, HttpResponseMessage?>> faults = new();
    private long resourceVersion = 100;
    private long expiredBefore;
    private readonly List<WeakReference> watchBodies = [];
    private int openStreams;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Watch response bodies not yet disposed by the client.</summary>
    public int OpenWatchStreams => Volatile.Read(ref openStreams);

    public int WatchesStarted { get; private set; }

    /// <summary>Watch response bodies still reachable after a full garbage collection: what a leak would keep alive.</summary>
    public int ReachableWatchBodies()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        lock (sync)
        {
            return watchBodies.Count(w => w.IsAlive);
        }
    }

    /// <summary>When true an expired watch gets an ERROR event in a 200 stream instead of an HTTP 410.</summary>
    public bool ExpireAsErrorEvent { get; set; }

    public long CurrentResourceVersion
    {
        get
        {
            lock (sync)
            {
                return resourceVersion;
            }
        }
    }

    public int ActiveWatchers
    {
        get
        {
            lock (sync)
            {
                return watchers.Count;
            }
        }
    }

    /// <summary>Answers the next request matching <paramref name="fault"/> (non-null result) instead of the store.</summary>
    public void InjectFault(Func<HttpRequestMessage, HttpResponseMessage?> fault) => faults.Enqueue(fault);

    /// <summary>Versions before the current one can no longer be watched from (etcd compaction).</summary>
    public void ExpireHistory()
    {
        lock (sync)
        {
            expiredBefore = resourceVersion;
        }
    }

    /// <summary>Ends every open watch as a dropped connection would.</summary>
    public void DropWatches()
    {
        lock (sync)
        {
            foreach (var w in watchers)
            {
                w.Pipe.Writer.Complete();
            }

            watchers.Clear();
        }
    }

    public void SendBookmarks()
    {
        lock (sync)
        {
            resourceVersion++;
            foreach (var w in watchers)
            {
                var bookmark = new JsonObject { ["kind"] = "Bookmark", ["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion.ToString() } };
                Write(w, "BOOKMARK", bookmark);
            }
        }
    }

    /// <summary>Stores an object directly (as another client would), notifying watchers.</summary>
    public JsonObject Put(string collection, JsonObject obj)
    {
        lock (sync)
        {
            var meta = Meta(obj);
            var key = Key(meta);
            var store = Store(collection);
            var type = store.ContainsKey(key) ? "MODIFIED" : "ADDED";
            meta["uid"] ??= Guid.NewGuid().ToString();
            meta["generation"] ??= 1L;
            meta["resourceVersion"] = (++resourceVersion).ToString();
            store[key] = obj;
            Notify(collection, type, obj);
            return (JsonObject)obj.DeepClone();
        }
    }

    public void Remove(string collection, string? @namespace, string name)
    {
        lock (sync)
        {
            var store = Store(collection);
            if (store.Remove($"{@namespace}/{name}", out var obj))
            {
                Meta(obj)["resourceVersion"] = (++resourceVersion).ToString();
                Notify(collection, "DELETED", obj);
            }
        }
    }

    public JsonObject? Find(string collection, string? @namespace, string name)
    {
        lock (sync)
        {
            return Store(collection).TryGetValue($"{@namespace}/{name}", out var obj) ? (JsonObject)obj.DeepClone() : null;
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Enqueue(new RecordedRequest(
            request.Method.Method,
            request.RequestUri!.PathAndQuery,
            body,
            request.Content?.Headers.ContentType?.MediaType,
            request.Headers.Authorization?.ToString()));

        var pending = faults.Count;
        for (var i = 0; i < pending && faults.TryDequeue(out var fault); i++)
        {
            if (fault(request) is { } canned)
            {
                return canned;
            }

            faults.Enqueue(fault);
        }

        var route = Route.Parse(request.RequestUri!);
        var query = HttpUtility.ParseQueryString(request.RequestUri!.Query);
        lock (sync)
        {
            return (request.Method.Method, route.Name, route.Subresource) switch
            {
                ("GET", null, _) when query["watch"] == "true" => Watch(route, query),
                ("GET", null, _) => List(route, query),
                ("GET", { } name, _) => Get(route, name),
                ("POST", null, _) => Create(route, JsonNode.Parse(body!)!.AsObject()),
                ("PUT", { } name, var sub) => Update(route, name, JsonNode.Parse(body!)!.AsObject(), sub == "status"),
                ("PATCH", { } name, var sub) => Patch(route, name, JsonNode.Parse(body!)!.AsObject(), sub == "status"),
                ("DELETE", { } name, _) => Delete(route, name),
                _ => StatusResponse(HttpStatusCode.MethodNotAllowed, "MethodNotAllowed", $"{request.Method} {route.Collection}"),
            };
        }
    }

    public static HttpResponseMessage StatusResponse(HttpStatusCode code, string reason, string message, JsonObject? details = null)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
            ["code"] = (int)code,
        };
        if (details is not null)
        {
            status["details"] = details;
        }

        return Json(code, status);
    }

    private static HttpResponseMessage Json(HttpStatusCode code, JsonNode body) =>
        new(code) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };

    private HttpResponseMessage Get(Route route, string name) =>
        Store(route.Collection).TryGetValue($"{route.Namespace}/{name}", out var obj)
            ? Json(HttpStatusCode.OK, obj)
            : NotFound(route, name);

    private HttpResponseMessage List(Route route, System.Collections.Specialized.NameValueCollection query)
    {
        var matching = Store(route.Collection).Values
            .Where(o => route.Namespace is null || (string?)Meta(o)["namespace"] == route.Namespace)
            .Where(o => Selects(query["labelSelector"], o))
            .ToList();
        var offset = query["continue"] is { } token ? int.Parse(token) : 0;
        var limit = query["limit"] is { } l ? int.Parse(l) : int.MaxValue;
        var page = matching.Skip(offset).Take(limit).Select(o => o.DeepClone()).ToArray();
        var metadata = new JsonObject { ["resourceVersion"] = resourceVersion.ToString() };
        if (offset + page.Length < matching.Count)
        {
            metadata["continue"] = (offset + page.Length).ToString();
        }

        return Json(HttpStatusCode.OK, new JsonObject { ["kind"] = "List", ["apiVersion"] = "v1", ["metadata"] = metadata, ["items"] = new JsonArray(page) });
    }

    private HttpResponseMessage Watch(Route route, System.Collections.Specialized.NameValueCollection query)
    {
        WatchesStarted++;
        var from = query["resourceVersion"] is { Length: > 0 } rv ? long.Parse(rv) : resourceVersion;
        var watcher = new Watcher(route.Collection, route.Namespace, query["labelSelector"], query["allowWatchBookmarks"] == "true", new Pipe(new PipeOptions(pauseWriterThreshold: 0)));
        if (from < expiredBefore)
        {
            var message = $"too old resource version: {from} ({expiredBefore})";
            if (!ExpireAsErrorEvent)
            {
                return StatusResponse(HttpStatusCode.Gone, "Expired", message);
            }

            var status = new JsonObject { ["kind"] = "Status", ["apiVersion"] = "v1", ["status"] = "Failure", ["message"] = message, ["reason"] = "Expired", ["code"] = 410 };
            Write(watcher, "ERROR", status);
            watcher.Pipe.Writer.Complete();
            return Stream(watcher);
        }

        foreach (var (eventRv, type, obj) in History(route.Collection).Where(h => h.Rv > from))
        {
            if (watcher.Wants(obj))
            {
                Write(watcher, type, obj);
            }
        }

        watchers.Add(watcher);
        return Stream(watcher);
    }

    private HttpResponseMessage Stream(Watcher watcher)
    {
        Interlocked.Increment(ref openStreams);
        var body = new CountingStream(watcher.Pipe.Reader.AsStream(), () =>
        {
            Interlocked.Decrement(ref openStreams);
            lock (sync)
            {
                watchers.Remove(watcher);
                watcher.Pipe.Writer.Complete();
            }
        });
        watchBodies.Add(new WeakReference(body));
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(body) };
    }

    private HttpResponseMessage Create(Route route, JsonObject obj)
    {
        var meta = Meta(obj);
        meta["namespace"] ??= route.Namespace;
        var name = (string?)meta["name"];
        if (name is null && meta["generateName"] is { } prefix)
        {
            name = (string)prefix! + Guid.NewGuid().ToString("N")[..5];
            meta["name"] = name;
        }

        var store = Store(route.Collection);
        var key = Key(meta);
        if (store.ContainsKey(key))
        {
            return StatusResponse(HttpStatusCode.Conflict, "AlreadyExists", $"{route.Plural} \"{name}\" already exists", new JsonObject { ["name"] = name, ["kind"] = route.Plural });
        }

        meta["uid"] = Guid.NewGuid().ToString();
        meta["generation"] = 1L;
        meta["creationTimestamp"] = "2026-11-20T12:00:00Z";
        meta["resourceVersion"] = (++resourceVersion).ToString();
        store[key] = obj;
        Notify(route.Collection, "ADDED", obj);
        return Json(HttpStatusCode.Created, obj);
    }

    private HttpResponseMessage Update(Route route, string name, JsonObject incoming, bool statusOnly)
    {
        var store = Store(route.Collection);
        var key = $"{route.Namespace}/{name}";
        if (!store.TryGetValue(key, out var current))
        {
            return NotFound(route, name);
        }

        if ((string?)Meta(incoming)["resourceVersion"] is { } rv && rv != (string?)Meta(current)["resourceVersion"])
        {
            return Conflict(route, name);
        }

        var next = (JsonObject)current.DeepClone();
        if (statusOnly)
        {
            next["status"] = incoming["status"]?.DeepClone();
        }
        else
        {
            var keepStatus = current["status"]?.DeepClone();
            next = (JsonObject)incoming.DeepClone();
            var meta = Meta(next);
            foreach (var field in new[] { "uid", "creationTimestamp", "generation", "namespace" })
            {
                meta[field] = Meta(current)[field]?.DeepClone();
            }

            next["status"] = keepStatus;
        }

        return Commit(route, key, current, next);
    }

    private HttpResponseMessage Patch(Route route, string name, JsonObject patch, bool statusOnly)
    {
        var store = Store(route.Collection);
        var key = $"{route.Namespace}/{name}";
        if (!store.TryGetValue(key, out var current))
        {
            return NotFound(route, name);
        }

        if (patch["metadata"] is JsonObject pm && (string?)pm["resourceVersion"] is { } rv && rv != (string?)Meta(current)["resourceVersion"])
        {
            return Conflict(route, name);
        }

        var effective = statusOnly ? new JsonObject { ["status"] = patch["status"]?.DeepClone() } : (JsonObject)patch.DeepClone();
        if (!statusOnly)
        {
            effective.Remove("status");
        }

        var next = (JsonObject)MergePatch(current.DeepClone(), effective)!;
        return Commit(route, key, current, next);
    }

    private HttpResponseMessage Commit(Route route, string key, JsonObject current, JsonObject next)
    {
        // As the API server does, a write that changes nothing keeps the resourceVersion and sends no event.
        var probe = (JsonObject)next.DeepClone();
        Meta(probe)["resourceVersion"] = Meta(current)["resourceVersion"]?.DeepClone();
        if (JsonNode.DeepEquals(probe, current))
        {
            return Json(HttpStatusCode.OK, current);
        }

        var meta = Meta(next);
        if (!JsonNode.DeepEquals(current["spec"], next["spec"]))
        {
            meta["generation"] = (Meta(current)["generation"] is { } g ? long.Parse(g.ToJsonString()) : 1) + 1;
        }

        meta["resourceVersion"] = (++resourceVersion).ToString();
        var store = Store(route.Collection);
        if (meta["deletionTimestamp"] is not null && (meta["finalizers"] is not JsonArray f || f.Count == 0))
        {
            store.Remove(key);
            Notify(route.Collection, "DELETED", next);
        }
        else
        {
            store[key] = next;
            Notify(route.Collection, "MODIFIED", next);
        }

        return Json(HttpStatusCode.OK, next);
    }

    private HttpResponseMessage Delete(Route route, string name)
    {
        var store = Store(route.Collection);
        var key = $"{route.Namespace}/{name}";
        if (!store.TryGetValue(key, out var current))
        {
            return NotFound(route, name);
        }

        if (Meta(current)["finalizers"] is JsonArray { Count: > 0 })
        {
            var next = (JsonObject)current.DeepClone();
            Meta(next)["deletionTimestamp"] ??= "2026-11-20T12:00:00Z";
            return Commit(route, key, current, next);
        }

        store.Remove(key);
        Meta(current)["resourceVersion"] = (++resourceVersion).ToString();
        Notify(route.Collection, "DELETED", current);
        return Json(HttpStatusCode.OK, StatusSuccess());
    }

    private static JsonObject StatusSuccess() => new() { ["kind"] = "Status", ["apiVersion"] = "v1", ["status"] = "Success" };

    private static HttpResponseMessage NotFound(Route route, string name) =>
        StatusResponse(HttpStatusCode.NotFound, "NotFound", $"{route.Plural} \"{name}\" not found", new JsonObject { ["name"] = name, ["kind"] = route.Plural });

    private static HttpResponseMessage Conflict(Route route, string name) =>
        StatusResponse(HttpStatusCode.Conflict, "Conflict", $"Operation cannot be fulfilled on {route.Plural} \"{name}\": the object has been modified; please apply your changes to the latest version and try again");

    private void Notify(string collection, string type, JsonObject obj)
    {
        var copy = (JsonObject)obj.DeepClone();
        History(collection).Add((resourceVersion, type, copy));
        foreach (var w in watchers.Where(w => w.Collection == collection && w.Wants(copy)))
        {
            Write(w, type, copy);
        }
    }

    private static void Write(Watcher watcher, string type, JsonObject obj)
    {
        var line = new JsonObject { ["type"] = type, ["object"] = obj.DeepClone() }.ToJsonString() + "\n";
        var bytes = Encoding.UTF8.GetBytes(line);
        watcher.Pipe.Writer.Write(bytes);
        // No backpressure (pauseWriterThreshold 0): the flush completes at once.
        watcher.Pipe.Writer.FlushAsync().AsTask().GetAwaiter().GetResult();
    }

    private SortedDictionary<string, JsonObject> Store(string collection)
    {
        if (!collections.TryGetValue(collection, out var store))
        {
            collections[collection] = store = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
        }

        return store;
    }

    private List<(long Rv, string Type, JsonObject Object)> History(string collection)
    {
        if (!history.TryGetValue(collection, out var list))
        {
            history[collection] = list = [];
        }

        return list;
    }

    private static JsonObject Meta(JsonObject obj) => obj["metadata"] as JsonObject ?? (JsonObject)(obj["metadata"] = new JsonObject());

    private static string Key(JsonObject meta) => $"{(string?)meta["namespace"]}/{(string?)meta["name"]}";

    internal static bool Selects(string? selector, JsonObject obj)
    {
        if (string.IsNullOrEmpty(selector))
        {
            return true;
        }

        var labels = Meta(obj)["labels"] as JsonObject;
        return selector.Split(',').All(term =>
        {
            var parts = term.Split('=', 2);
            return labels?[parts[0]] is { } value && (string?)value == parts[1];
        });
    }

    private static JsonNode? MergePatch(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target as JsonObject ?? new JsonObject();
        foreach (var (name, value) in patchObject.ToList())
        {
            if (value is null)
            {
                result.Remove(name);
            }
            else
            {
                var merged = MergePatch(result[name]?.DeepClone(), value);
                result[name] = merged;
            }
        }

        return result;
    }

    internal sealed record RecordedRequest(string Method, string PathAndQuery, string? Body, string? ContentType, string? Authorization);

    private sealed record Watcher(string Collection, string? Namespace, string? LabelSelector, bool Bookmarks, Pipe Pipe)
    {
        public bool Wants(JsonObject obj) =>
            (Namespace is null || (string?)Meta(obj)["namespace"] == Namespace) && Selects(LabelSelector, obj);
    }

    private sealed record Route(string Collection, string Plural, string? Namespace, string? Name, string? Subresource)
    {
        // /api/v1[/namespaces/ns]/plural[/name[/sub]] or /apis/g/v[/namespaces/ns]/plural[/name[/sub]]
        public static Route Parse(Uri uri)
        {
            var segments = uri.AbsolutePath.Trim('/').Split('/').Select(Uri.UnescapeDataString).ToArray();
            var i = segments[0] == "api" ? 2 : 3;
            var groupVersion = string.Join('/', segments[1..i]);
            string? ns = null;
            if (segments.Length > i + 1 && segments[i] == "namespaces" && segments.Length > i + 2)
            {
                ns = segments[i + 1];
                i += 2;
            }

            var plural = segments[i];
            var name = segments.Length > i + 1 ? segments[i + 1] : null;
            var sub = segments.Length > i + 2 ? segments[i + 2] : null;
            return new Route($"{groupVersion}/{plural}", plural, ns, name, sub);
        }
    }

    private sealed class CountingStream(Stream inner, Action onDispose) : Stream
    {
        private int disposed;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.ReadAsync(buffer, offset, count, cancellationToken);

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                onDispose();
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
