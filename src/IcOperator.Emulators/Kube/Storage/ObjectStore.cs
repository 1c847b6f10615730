using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IcOperator.Emulators.Kube.Errors;
using IcOperator.Emulators.Kube.Resources;
using IcOperator.Emulators.Kube.Schema;
using IcOperator.Emulators.Kube.Selection;
using IcOperator.Emulators.Kube.Watch;

namespace IcOperator.Emulators.Kube.Storage;

/// <summary>
/// The API server's storage: every object as JSON, one global resourceVersion counter, a bounded
/// history of changes for watches, and the server-side semantics of writes (generation, status
/// subresource, finalizers, owner garbage collection, namespace termination). One lock orders all
/// writes, so watchers see changes exactly in resourceVersion order.
/// </summary>
internal sealed partial class ObjectStore
{
    private const string GenerateNameAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    private static readonly Regex DnsSubdomain = new(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", RegexOptions.Compiled);
    private static readonly Regex DnsLabel = new("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.Compiled);

    private readonly Lock _gate = new();
    private readonly ResourceRegistry _registry;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, SortedDictionary<string, JsonObject>> _objects = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string StorageKey, string Key)> _byUid = new(StringComparer.Ordinal);
    private readonly Queue<WatchEvent> _history = new();
    private readonly List<WatchSubscription> _watchers = [];
    private readonly int _historyLimit;
    private long _resourceVersion;
    private long _compactedRevision;

    public ObjectStore(ResourceRegistry registry, TimeProvider time, int historyLimit)
    {
        _registry = registry;
        _time = time;
        _historyLimit = Math.Max(1, historyLimit);
        foreach (var ns in new[] { "default", "kube-system", "kube-public", "kube-node-lease" })
        {
            Create(BuiltInTypes.Namespaces, null, new JsonObject { ["metadata"] = new JsonObject { ["name"] = ns } }, WriteOptions.Default);
        }
    }

    public long CurrentResourceVersion
    {
        get
        {
            lock (_gate)
            {
                return _resourceVersion;
            }
        }
    }

    /// <summary>How many objects of all kinds are stored (for tests and benchmarks).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _objects.Values.Sum(d => d.Count);
            }
        }
    }

    public static string Key(string? ns, string name) => $"{ns}/{name}";

    public JsonObject Get(ResourceType type, string? ns, string name)
    {
        lock (_gate)
        {
            return ToClient(Find(type, ns, name) ?? throw KubeErrors.NotFound(type.Group, type.Plural, name), type);
        }
    }

    public ListPage List(ResourceType type, string? ns, LabelSelector labels, FieldSelector fields, int limit, string? continueToken)
    {
        lock (_gate)
        {
            var (listVersion, after) = continueToken is { Length: > 0 } ? ReadContinue(continueToken) : (_resourceVersion, null);
            var items = new List<JsonObject>();
            string? lastKey = null;
            long remaining = 0;
            var filtered = labels != LabelSelector.Everything || fields != FieldSelector.Everything;
            foreach (var (key, obj) in Objects(type.StorageKey))
            {
                if ((after is not null && string.CompareOrdinal(key, after) <= 0) || (ns is not null && Meta.Namespace(obj) != ns) ||
                    !labels.Matches(obj) || !fields.Matches(obj))
                {
                    continue;
                }

                if (limit > 0 && items.Count == limit)
                {
                    remaining++;
                    continue;
                }

                items.Add(ToClient(obj, type));
                lastKey = key;
            }

            var next = remaining > 0 ? WriteContinue(listVersion, lastKey!) : null;
            return new ListPage(items, listVersion, next, remaining > 0 && !filtered ? remaining : null);
        }
    }

    public WriteResult Create(ResourceType type, string? ns, JsonObject body, WriteOptions options)
    {
        lock (_gate)
        {
            return CreateLocked(type, ns, body, options);
        }
    }

    public WriteResult Update(ResourceType type, string? ns, string name, JsonObject body, string? subresource, WriteOptions options)
    {
        lock (_gate)
        {
            var existing = Find(type, ns, name) ?? throw KubeErrors.NotFound(type.Group, type.Plural, name);
            var bodyName = Meta.Name(body);
            if (bodyName.Length > 0 && bodyName != name)
            {
                throw KubeErrors.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
            }

            var version = Meta.ResourceVersion(body);
            if (version.Length == 0 && type.IsCustom)
            {
                throw KubeErrors.Invalid(type.Group, type.Kind, name, [new StatusCause("FieldValueInvalid", "Invalid value: 0x0: must be specified for an update", "metadata.resourceVersion")]);
            }

            if (version.Length > 0 && version != Meta.ResourceVersion(existing))
            {
                throw KubeErrors.StaleResourceVersion(type.Group, type.Plural, name);
            }

            return CommitUpdate(type, existing, body, subresource, options);
        }
    }

    /// <summary>
    /// Reads the object, lets <paramref name="patch"/> compute the new one from it (in client form),
    /// and commits under the same lock; with <paramref name="createWith"/> an absent object is created
    /// from the patch (server-side apply).
    /// </summary>
    public WriteResult Patch(ResourceType type, string? ns, string name, Func<JsonObject?, JsonNode?> patch, string? subresource, WriteOptions options, bool createIfAbsent = false)
    {
        lock (_gate)
        {
            var existing = Find(type, ns, name);
            if (existing is null)
            {
                if (!createIfAbsent || subresource is not null)
                {
                    throw KubeErrors.NotFound(type.Group, type.Plural, name);
                }

                var fresh = patch(null) as JsonObject ?? throw KubeErrors.BadRequest("the patch must be an object");
                Meta.Of(fresh)["name"] = name;
                return CreateLocked(type, ns, fresh, options) with { Created = true };
            }

            var current = ToClient(existing, type);
            var patched = patch(current) as JsonObject
                ?? throw new KubeApiException(422, "Invalid", "the server rejected our request due to an error in our request: patched object is not an object");
            var version = Meta.ResourceVersion(patched);
            if (version.Length > 0 && version != Meta.ResourceVersion(existing))
            {
                throw KubeErrors.StaleResourceVersion(type.Group, type.Plural, name);
            }

            Meta.Of(patched)["name"] = name;
            return CommitUpdate(type, existing, patched, subresource, options);
        }
    }

    /// <summary>Deletes (or, with finalizers, marks for deletion); returns the object and whether it is gone.</summary>
    public (JsonObject Object, bool Removed) Delete(ResourceType type, string? ns, string name, DeleteOptions options)
    {
        lock (_gate)
        {
            var existing = Find(type, ns, name) ?? throw KubeErrors.NotFound(type.Group, type.Plural, name);
            if (options.PreconditionUid is { Length: > 0 } uid && uid != Meta.Uid(existing))
            {
                throw KubeErrors.Conflict(type.Group, type.Plural, name, $"Precondition failed: UID in precondition: {uid}, UID in object meta: {Meta.Uid(existing)}");
            }

            if (options.PreconditionResourceVersion is { Length: > 0 } rv && rv != Meta.ResourceVersion(existing))
            {
                throw KubeErrors.Conflict(type.Group, type.Plural, name, $"Precondition failed: ResourceVersion in precondition: {rv}, ResourceVersion in object meta: {Meta.ResourceVersion(existing)}");
            }

            if (options.DryRun)
            {
                return (ToClient(existing, type), false);
            }

            var result = DeleteLocked(type.StorageKey, existing, options.PropagationPolicy ?? "Background");
            CollectGarbage();
            var after = Find(type, ns, name);
            return after is null ? (ToClient(result, type), true) : (ToClient(after, type), false);
        }
    }

    public WatchSubscription Watch(ResourceType type, string? ns, LabelSelector labels, FieldSelector fields, string? resourceVersion, bool sendInitialEvents)
    {
        lock (_gate)
        {
            var subscription = new WatchSubscription(type, ns, labels, fields);
            if (resourceVersion is null or "" or "0" || sendInitialEvents)
            {
                foreach (var (_, obj) in Objects(type.StorageKey))
                {
                    subscription.Offer(new WatchEvent("ADDED", type.StorageKey, _resourceVersion, obj, null));
                }

                if (sendInitialEvents)
                {
                    subscription.Offer(BookmarkEvent(type, initialEventsEnd: true));
                }
            }
            else
            {
                if (!long.TryParse(resourceVersion, out var since))
                {
                    throw KubeErrors.BadRequest($"invalid resource version \"{resourceVersion}\"");
                }

                if (since < _compactedRevision)
                {
                    subscription.Offer(new WatchEvent("ERROR", type.StorageKey, 0, ExpiredStatus(since), null));
                    subscription.Close();
                    return subscription;
                }

                foreach (var change in _history.Where(e => e.ResourceVersion > since))
                {
                    subscription.Offer(change);
                }
            }

            _watchers.Add(subscription);
            return subscription;
        }
    }

    /// <summary>Queues a BOOKMARK at the current resourceVersion: everything before it is already queued.</summary>
    public void Bookmark(WatchSubscription subscription)
    {
        lock (_gate)
        {
            subscription.Offer(BookmarkEvent(subscription.Type, initialEventsEnd: false));
        }
    }

    public void StopWatch(WatchSubscription subscription)
    {
        lock (_gate)
        {
            _watchers.Remove(subscription);
        }

        subscription.Close();
    }

    /// <summary>Ends every open watch, as an API server restart or a load balancer timeout does.</summary>
    public int DropWatches()
    {
        lock (_gate)
        {
            var count = _watchers.Count;
            foreach (var watcher in _watchers)
            {
                watcher.Close();
            }

            _watchers.Clear();
            return count;
        }
    }

    public int WatchCount
    {
        get
        {
            lock (_gate)
            {
                return _watchers.Count;
            }
        }
    }

    private static JsonObject ExpiredStatus(long since) => new KubeApiException(410, "Expired", $"too old resource version: {since}").ToStatus();

    private WatchEvent BookmarkEvent(ResourceType type, bool initialEventsEnd)
    {
        var metadata = new JsonObject { ["resourceVersion"] = _resourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (initialEventsEnd)
        {
            metadata["annotations"] = new JsonObject { ["k8s.io/initial-events-end"] = "true" };
        }

        return new WatchEvent("BOOKMARK", type.StorageKey, _resourceVersion, new JsonObject { ["kind"] = type.Kind, ["apiVersion"] = type.ApiVersion, ["metadata"] = metadata }, null);
    }

    private List<KeyValuePair<string, JsonObject>> Objects(string storageKey) =>
        _objects.TryGetValue(storageKey, out var objects) ? objects.ToList() : [];

    private JsonObject? Find(ResourceType type, string? ns, string name) =>
        _objects.TryGetValue(type.StorageKey, out var objects) && objects.TryGetValue(Key(type.Namespaced ? ns : null, name), out var obj) ? obj : null;

    private static JsonObject ToClient(JsonObject stored, ResourceType type)
    {
        var copy = stored.DeepClone().AsObject();
        copy["apiVersion"] = type.ApiVersion;
        copy["kind"] = type.Kind;
        return copy;
    }

    private string Now() => Meta.Timestamp(_time.GetUtcNow());

    private string NextVersion() => (++_resourceVersion).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private (long Version, string After) ReadContinue(string token)
    {
        try
        {
            var json = JsonNode.Parse(Convert.FromBase64String(token))!.AsObject();
            var version = json["rv"]!.GetValue<long>();
            if (version < _compactedRevision)
            {
                throw KubeErrors.Expired("The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.");
            }

            return (version, json["start"]!.GetValue<string>());
        }
        catch (Exception e) when (e is FormatException or JsonException or NullReferenceException or InvalidOperationException)
        {
            throw KubeErrors.BadRequest("continue key is not valid: " + e.Message);
        }
    }

    private static string WriteContinue(long version, string lastKey) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(new JsonObject { ["v"] = "meta.k8s.io/v1", ["rv"] = version, ["start"] = lastKey }.ToJsonString()));

    private void Publish(string type, string storageKey, JsonObject obj, JsonObject? previous)
    {
        var change = new WatchEvent(type, storageKey, _resourceVersion, obj.DeepClone().AsObject(), previous?.DeepClone().AsObject());
        _history.Enqueue(change);
        while (_history.Count > _historyLimit)
        {
            _compactedRevision = _history.Dequeue().ResourceVersion;
        }

        foreach (var watcher in _watchers)
        {
            watcher.Offer(change);
        }
    }

    private void Store(string storageKey, string key, JsonObject obj)
    {
        if (!_objects.TryGetValue(storageKey, out var objects))
        {
            objects = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
            _objects[storageKey] = objects;
        }

        objects[key] = obj;
        _byUid[Meta.Uid(obj)] = (storageKey, key);
    }
}
