using IcOperator.Kube.Client;
using IcOperator.Kube.Resources;
using IcOperator.Kube.Watch;
using Microsoft.Extensions.Logging;

namespace IcOperator.Kube.Informers;

/// <summary>An in-memory cache of one kind kept current by a <see cref="Reflector{T}"/>, with indexes and handlers.</summary>
internal sealed class Informer<T> : IInformer<T>, IReflectorStore<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private const string LastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration";

    private readonly Lock sync = new();
    private readonly Dictionary<ObjectKey, T> objects = [];
    private readonly Dictionary<string, (Func<T, IEnumerable<string>> Function, Dictionary<string, HashSet<ObjectKey>> Values)> indexes = new(StringComparer.Ordinal);
    private readonly List<Action<InformerEvent<T>>> handlers = [];
    private readonly TaskCompletionSource synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Reflector<T> reflector;
    private readonly ILogger logger;
    private int started;

    public Informer(IKubeClient client, KubeResource<T> resource, string? @namespace, string? labelSelector, TimeProvider clock, ILogger logger, Random? random = null)
    {
        Resource = resource;
        this.logger = logger;
        reflector = new Reflector<T>(client, resource, @namespace, labelSelector, this, clock, random ?? Random.Shared, logger);
    }

    public KubeResource<T> Resource { get; }

    public bool HasSynced => synced.Task.IsCompleted;

    internal Reflector<T> Reflector => reflector;

    public Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref started, 1) != 0)
        {
            throw new InvalidOperationException($"the informer of {Resource} is already running");
        }

        return reflector.RunAsync(cancellationToken);
    }

    public Task WaitForSyncAsync(CancellationToken cancellationToken) => synced.Task.WaitAsync(cancellationToken);

    public T? Get(ObjectKey key)
    {
        lock (sync)
        {
            return objects.GetValueOrDefault(key);
        }
    }

    public IReadOnlyList<T> List()
    {
        lock (sync)
        {
            return [.. objects.Values];
        }
    }

    public IReadOnlyList<T> ByIndex(string indexName, string value)
    {
        lock (sync)
        {
            if (!indexes.TryGetValue(indexName, out var index))
            {
                throw new ArgumentException($"the informer of {Resource} has no index '{indexName}' (has: {string.Join(", ", indexes.Keys)})", nameof(indexName));
            }

            return index.Values.TryGetValue(value, out var keys) ? [.. keys.Select(k => objects[k])] : [];
        }
    }

    public void AddIndex(string indexName, Func<T, IEnumerable<string>> indexFunction)
    {
        ArgumentException.ThrowIfNullOrEmpty(indexName);
        ArgumentNullException.ThrowIfNull(indexFunction);
        lock (sync)
        {
            if (indexes.ContainsKey(indexName))
            {
                throw new InvalidOperationException($"the informer of {Resource} already has an index '{indexName}'");
            }

            var values = new Dictionary<string, HashSet<ObjectKey>>(StringComparer.Ordinal);
            indexes[indexName] = (indexFunction, values);
            foreach (var (key, obj) in objects)
            {
                IndexOne(indexFunction, values, key, obj);
            }
        }
    }

    public IDisposable AddHandler(Action<InformerEvent<T>> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        T[] existing;
        lock (sync)
        {
            handlers.Add(handler);
            existing = [.. objects.Values];
        }

        foreach (var obj in existing)
        {
            Invoke(handler, new InformerEvent<T>(InformerEventType.Added, obj, null));
        }

        return new Registration(this, handler);
    }

    public void Replace(IReadOnlyList<T> listed, string resourceVersion)
    {
        foreach (var obj in listed)
        {
            StripForCache(obj);
        }

        var events = new List<InformerEvent<T>>();
        lock (sync)
        {
            var seen = new HashSet<ObjectKey>();
            foreach (var obj in listed)
            {
                var key = ObjectKey.Of(obj);
                seen.Add(key);
                if (objects.TryGetValue(key, out var old))
                {
                    // A relist after 410 finds most objects unchanged: only real changes become events.
                    if (old.Metadata.ResourceVersion != obj.Metadata.ResourceVersion)
                    {
                        events.Add(new InformerEvent<T>(InformerEventType.Updated, obj, old));
                    }
                }
                else
                {
                    events.Add(new InformerEvent<T>(InformerEventType.Added, obj, null));
                }

                SetLocked(key, obj);
            }

            foreach (var key in objects.Keys.Where(k => !seen.Contains(k)).ToList())
            {
                events.Add(new InformerEvent<T>(InformerEventType.Deleted, objects[key], null));
                RemoveLocked(key);
            }
        }

        Dispatch(events);
        if (synced.TrySetResult())
        {
            logger.LogInformation("Informer of {Resource} synced: {Count} objects at resourceVersion {ResourceVersion}", Resource, listed.Count, resourceVersion);
        }
    }

    public void Upsert(T obj)
    {
        StripForCache(obj);
        InformerEvent<T> e;
        lock (sync)
        {
            var key = ObjectKey.Of(obj);
            e = objects.TryGetValue(key, out var old)
                ? new InformerEvent<T>(InformerEventType.Updated, obj, old)
                : new InformerEvent<T>(InformerEventType.Added, obj, null);
            SetLocked(key, obj);
        }

        Dispatch([e]);
    }

    public void Delete(T obj)
    {
        lock (sync)
        {
            RemoveLocked(ObjectKey.Of(obj));
        }

        Dispatch([new InformerEvent<T>(InformerEventType.Deleted, obj, null)]);
    }

    /// <summary>
    /// Drops what no controller reads but every cached object would carry for its lifetime, as controller-runtime's
    /// cache transform does: managedFields (a JSON document per field manager) and kubectl's last-applied copy of the
    /// whole object. Nothing writes a cached object back whole (writes are patches), so the server keeps both.
    /// </summary>
    internal static void StripForCache(T obj)
    {
        obj.Metadata.ManagedFields = null;
        obj.Metadata.Annotations?.Remove(LastAppliedAnnotation);
    }

    private void SetLocked(ObjectKey key, T obj)
    {
        if (objects.ContainsKey(key))
        {
            RemoveLocked(key);
        }

        objects[key] = obj;
        foreach (var (function, values) in indexes.Values)
        {
            IndexOne(function, values, key, obj);
        }
    }

    private void RemoveLocked(ObjectKey key)
    {
        if (!objects.Remove(key, out var old))
        {
            return;
        }

        foreach (var (function, values) in indexes.Values)
        {
            foreach (var value in function(old))
            {
                if (values.TryGetValue(value, out var keys) && keys.Remove(key) && keys.Count == 0)
                {
                    // Empty buckets are dropped so churn over many names does not grow the index.
                    values.Remove(value);
                }
            }
        }
    }

    private static void IndexOne(Func<T, IEnumerable<string>> function, Dictionary<string, HashSet<ObjectKey>> values, ObjectKey key, T obj)
    {
        foreach (var value in function(obj))
        {
            if (!values.TryGetValue(value, out var keys))
            {
                values[value] = keys = [];
            }

            keys.Add(key);
        }
    }

    private void Dispatch(List<InformerEvent<T>> events)
    {
        if (events.Count == 0)
        {
            return;
        }

        Action<InformerEvent<T>>[] current;
        lock (sync)
        {
            current = [.. handlers];
        }

        foreach (var e in events)
        {
            foreach (var handler in current)
            {
                Invoke(handler, e);
            }
        }
    }

    private void Invoke(Action<InformerEvent<T>> handler, InformerEvent<T> e)
    {
        try
        {
            handler(e);
        }
#pragma warning disable CA1031 // One failing handler must not stop the cache or the other handlers.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.LogError(ex, "Handler of the {Resource} informer failed on {Event} {Key}", Resource, e.Type, ObjectKey.Of(e.Object));
        }
    }

    private sealed class Registration(Informer<T> informer, Action<InformerEvent<T>> handler) : IDisposable
    {
        public void Dispose()
        {
            lock (informer.sync)
            {
                informer.handlers.Remove(handler);
            }
        }
    }
}
