using System.Threading.Channels;
using IcOperator.Kube.Client;
using IcOperator.Kube.Resources;
using Microsoft.Extensions.Logging;

namespace IcOperator.Kube.Events;

/// <summary>
/// The client-go events recorder: events are written in the background; the same event (same object,
/// reason, action, controller, related object) within the series window becomes one Event with a
/// <c>series.count</c>, written when it becomes a series and then on each refresh; and a per-object token
/// bucket drops floods (a crash-looping reconcile must not flood etcd).
/// </summary>
public sealed class EventRecorder : IEventRecorder, IAsyncDisposable
{
    private const int MaxNoteBytes = 1024;
    private readonly IKubeClient client;
    private readonly EventRecorderOptions options;
    private readonly Channel<Func<Task>> writes = Channel.CreateUnbounded<Func<Task>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock sync = new();
    private readonly Dictionary<SeriesKey, EventSeries> cache = [];
    private readonly Dictionary<ObjectIdentity, (double Tokens, DateTimeOffset Last)> spamBuckets = [];
    private readonly Task writer;
    private readonly ITimer refreshTimer;
    private long lastNameNanos;

    // The earliest moment a series or spam bucket can be forgotten: recording walks the cache only once one is due,
    // not on every new event (the cache holds every event of the window, thousands in a fleet's deploy).
    private DateTimeOffset nextForget = DateTimeOffset.MaxValue;
    private int pending;
    private TaskCompletionSource idle = NewIdle(completed: true);

    public EventRecorder(IKubeClient client, EventRecorderOptions options)
    {
        this.client = client ?? throw new ArgumentNullException(nameof(client));
        this.options = options ?? throw new ArgumentNullException(nameof(options));
        writer = Task.Run(WriteLoopAsync);
        refreshTimer = options.Clock.CreateTimer(_ => RefreshSeries(), null, options.SeriesRefresh, options.SeriesRefresh);
    }

    /// <summary>Events dropped by the spam filter since start.</summary>
    public int Dropped { get; private set; }

    /// <summary>Walks of the series cache for series and buckets that ended, since start.</summary>
    internal int ForgetWalks { get; private set; }

    public void Record(IKubernetesObject<V1ObjectMeta> regarding, string type, string reason, string action, string note, IKubernetesObject<V1ObjectMeta>? related = null)
    {
        ArgumentNullException.ThrowIfNull(regarding);
        if (type is not (EventTypes.Normal or EventTypes.Warning))
        {
            throw new ArgumentException($"event type must be Normal or Warning, found '{type}'", nameof(type));
        }

        ArgumentException.ThrowIfNullOrEmpty(reason);
        ArgumentException.ThrowIfNullOrEmpty(action);
        var now = options.Clock.GetUtcNow();
        var key = new SeriesKey(ObjectIdentity.Of(regarding), related is null ? null : ObjectIdentity.Of(related), reason, action, type);

        lock (sync)
        {
            if (!AllowedBySpamFilter(key.Regarding, now))
            {
                Dropped++;
                options.Logger.LogDebug("Event {Reason} about {Kind} {Namespace}/{Name} dropped by the spam filter", reason, key.Regarding.Kind, key.Regarding.Namespace, key.Regarding.Name);
                return;
            }

            if (cache.TryGetValue(key, out var cached) && now - cached.LastObserved <= options.SeriesWindow)
            {
                cached.Count++;
                cached.LastObserved = now;
                if (cached.Count == 2)
                {
                    // Becoming a series is written at once; later repeats only on refresh.
                    Enqueue(PatchLater(key, cached, cached.Count, now));
                }

                return;
            }

            var ns = string.IsNullOrEmpty(key.Regarding.Namespace) ? "default" : key.Regarding.Namespace;
            var entry = new EventSeries(NextName(key.Regarding.Name, now), ns, now.UtcDateTime, Truncate(note ?? string.Empty), regarding.Metadata.ResourceVersion, related?.Metadata.ResourceVersion)
            {
                Count = 1,
                LastObserved = now,
            };
            cache[key] = entry;
            nextForget = Min(nextForget, now + options.SeriesWindow);
            Enqueue(CreateLater(key, entry));
            ForgetFinishedSeries(now);
        }
    }

    /// <summary>Completes when every event recorded so far has been written (or failed to be).</summary>
    public Task WhenIdleAsync()
    {
        lock (sync)
        {
            return idle.Task;
        }
    }

    /// <summary>Writes the current counts of ongoing series now (also done every <see cref="EventRecorderOptions.SeriesRefresh"/>).</summary>
    public void RefreshSeries()
    {
        lock (sync)
        {
            var now = options.Clock.GetUtcNow();
            foreach (var (key, cached) in cache.Where(c => c.Value.Count > 1 && c.Value.Count != c.Value.WrittenCount))
            {
                Enqueue(PatchLater(key, cached, cached.Count, cached.LastObserved));
            }

            ForgetFinishedSeries(now, force: true);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await refreshTimer.DisposeAsync();
        writes.Writer.TryComplete();
        await writer;
    }

    private static TaskCompletionSource NewIdle(bool completed)
    {
        var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (completed)
        {
            tcs.SetResult();
        }

        return tcs;
    }

    // client-go names events <object>.<unix nanos in hex>; strictly increasing here so two events in the
    // same tick never collide, with a random tail so replicas recording at once do not either.
    private string NextName(string? objectName, DateTimeOffset now)
    {
        var nanos = (now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;
        lastNameNanos = Math.Max(nanos, lastNameNanos + 1);
        return $"{objectName}.{lastNameNanos:x}{Random.Shared.Next(0x10000):x4}";
    }

    // The whole Event, built from what the series keeps: the same body for its first write and for writing it again.
    private Eventsv1Event EventOf(SeriesKey key, EventSeries series) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = series.Name,
            NamespaceProperty = series.Namespace,
        },
        EventTime = series.FirstObserved,
        ReportingController = options.ReportingController,
        ReportingInstance = options.ReportingInstance,
        Action = key.Action,
        Reason = key.Reason,
        Regarding = key.Regarding.Reference(series.RegardingResourceVersion),
        Related = key.Related?.Reference(series.RelatedResourceVersion),
        Note = series.Note,
        Type = key.Type,
    };

    private static string Truncate(string note)
    {
        if (System.Text.Encoding.UTF8.GetByteCount(note) <= MaxNoteBytes)
        {
            return note;
        }

        var cut = note.Length;
        while (System.Text.Encoding.UTF8.GetByteCount(note.AsSpan(0, cut)) > MaxNoteBytes - 3)
        {
            cut--;
        }

        return note[..cut] + "…";
    }

    private bool AllowedBySpamFilter(ObjectIdentity objectKey, DateTimeOffset now)
    {
        var (tokens, last) = spamBuckets.TryGetValue(objectKey, out var bucket) ? bucket : (options.SpamBurst, now);
        tokens = Math.Min(options.SpamBurst, tokens + ((now - last) / options.SpamRefillInterval));
        var allowed = tokens >= 1;
        spamBuckets[objectKey] = (allowed ? tokens - 1 : tokens, now);
        nextForget = Min(nextForget, now + (options.SpamRefillInterval * options.SpamBurst));
        return allowed;
    }

    // Series that saw no repeat within the window are closed: the next occurrence starts a new Event. A series whose
    // last count is not written yet stays until the refresh (which walks with force) has written it.
    private void ForgetFinishedSeries(DateTimeOffset now, bool force = false)
    {
        if (!force && now <= nextForget)
        {
            return;
        }

        ForgetWalks++;
        nextForget = DateTimeOffset.MaxValue;
        foreach (var (key, cached) in cache.ToList())
        {
            if (now - cached.LastObserved <= options.SeriesWindow)
            {
                nextForget = Min(nextForget, cached.LastObserved + options.SeriesWindow);
            }
            else if (cached.Count == cached.WrittenCount || cached.Count == 1)
            {
                cache.Remove(key);
            }
        }

        var bucketLife = options.SpamRefillInterval * options.SpamBurst;
        foreach (var (key, bucket) in spamBuckets.ToList())
        {
            if (now - bucket.Last > bucketLife)
            {
                spamBuckets.Remove(key);
            }
            else
            {
                nextForget = Min(nextForget, bucket.Last + bucketLife);
            }
        }
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private void Enqueue(Func<Task> write)
    {
        if (pending++ == 0)
        {
            idle = NewIdle(completed: false);
        }

        writes.Writer.TryWrite(write);
    }

    private async Task WriteLoopAsync()
    {
        await foreach (var write in writes.Reader.ReadAllAsync())
        {
            try
            {
                await write();
            }
#pragma warning disable CA1031 // Events are best effort: a failed write is logged, never propagated to a reconcile.
            catch (Exception e)
#pragma warning restore CA1031
            {
                options.Logger.LogWarning("Could not write event: {Error}", e.Message);
            }
            finally
            {
                lock (sync)
                {
                    if (--pending == 0)
                    {
                        idle.TrySetResult();
                    }
                }
            }
        }
    }

    // A queued write holds its series, not a built Event: during a fleet's deploy thousands wait for the one writer.
    private Func<Task> CreateLater(SeriesKey key, EventSeries series) => () => CreateAsync(EventOf(key, series));

    private Func<Task> PatchLater(SeriesKey key, EventSeries series, int count, DateTimeOffset lastObserved) => () => PatchSeriesAsync(key, series, count, lastObserved);

    private async Task CreateAsync(Eventsv1Event ev)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await client.CreateAsync(CoreResources.Events, ev, timeout.Token);
    }

    private async Task PatchSeriesAsync(SeriesKey key, EventSeries cached, int count, DateTimeOffset lastObserved)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var series = new System.Text.Json.Nodes.JsonObject
        {
            ["series"] = new System.Text.Json.Nodes.JsonObject
            {
                ["count"] = count,
                ["lastObservedTime"] = lastObserved.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture),
            },
        };
        try
        {
            await client.PatchAsync(CoreResources.Events, cached.Name, cached.Namespace, KubePatch.Merge(series), cancellationToken: timeout.Token);
        }
        catch (KubeNotFoundException)
        {
            // The Event expired on the server (1 h TTL) while its series went on: write it again whole.
            var ev = EventOf(key, cached);
            ev.Series = new Eventsv1EventSeries { Count = count, LastObservedTime = lastObserved.UtcDateTime };
            await client.CreateAsync(CoreResources.Events, ev, timeout.Token);
        }

        lock (sync)
        {
            cached.WrittenCount = Math.Max(cached.WrittenCount, count);
        }
    }

    private readonly record struct SeriesKey(ObjectIdentity Regarding, ObjectIdentity? Related, string Reason, string Action, string Type);

    /// <summary>An object an event is about, as a series tells it apart: its reference without the resourceVersion.</summary>
    private readonly record struct ObjectIdentity(string? ApiVersion, string? Kind, string? Namespace, string? Name, string? Uid)
    {
        public static ObjectIdentity Of(IKubernetesObject<V1ObjectMeta> obj) =>
            new(obj.ApiVersion, obj.Kind, obj.Metadata.NamespaceProperty, obj.Metadata.Name, obj.Metadata.Uid);

        public V1ObjectReference Reference(string? resourceVersion) => new()
        {
            ApiVersion = ApiVersion,
            Kind = Kind,
            NamespaceProperty = Namespace,
            Name = Name,
            Uid = Uid,
            ResourceVersion = resourceVersion,
        };
    }

    /// <summary>
    /// One Event and its series for the series window: what a series patch, writing the Event again after it expired and
    /// forgetting it read, and not the Event itself (the cache holds thousands of these during a fleet's deploy).
    /// </summary>
    private sealed class EventSeries(string name, string @namespace, DateTime firstObserved, string note, string? regardingResourceVersion, string? relatedResourceVersion)
    {
        public string Name => name;

        public string Namespace => @namespace;

        public DateTime FirstObserved => firstObserved;

        public string Note => note;

        public string? RegardingResourceVersion => regardingResourceVersion;

        public string? RelatedResourceVersion => relatedResourceVersion;

        public int Count { get; set; }

        public int WrittenCount { get; set; } = 1;

        public DateTimeOffset LastObserved { get; set; }
    }
}
