using IcOperator.Kube.Instrumentation;

namespace IcOperator.Kube.Queue;

/// <summary>The <see cref="IWorkQueue{TKey}"/> implementation, driven by an injectable clock.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "A work queue is the domain name (client-go workqueue).")]
public sealed class WorkQueue<TKey> : IWorkQueue<TKey>, IDisposable
    where TKey : notnull
{
    private readonly Lock sync = new();
    private readonly Queue<TKey> queue = new();
    private readonly HashSet<TKey> dirty = [];
    private readonly HashSet<TKey> processing = [];
    private readonly Dictionary<TKey, DateTimeOffset> addedAt = [];
    private readonly Dictionary<TKey, DateTimeOffset> startedAt = [];
    private readonly Queue<TaskCompletionSource<(TKey, bool)>> waiters = new();
    private readonly PriorityQueue<TKey, DateTimeOffset> delayed = new();
    private readonly Dictionary<TKey, DateTimeOffset> readyAt = [];
    private readonly IRateLimiter<TKey> rateLimiter;
    private readonly TimeProvider clock;
    private readonly ITimer timer;
    private readonly IWorkQueueMetrics metrics;
    private bool shuttingDown;

    /// <param name="name">The queue's name in the workqueue_* metrics (the controller name).</param>
    /// <param name="rateLimiter">Backoff; <see cref="RateLimiters.DefaultController{TKey}"/> when null.</param>
    /// <param name="clock">Drives delayed adds and backoff; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="metrics">Where the queue reports (the workqueue_* families); nowhere when null.</param>
    public WorkQueue(string name, IRateLimiter<TKey>? rateLimiter = null, TimeProvider? clock = null, IRuntimeMetrics? metrics = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        this.clock = clock ?? TimeProvider.System;
        this.rateLimiter = rateLimiter ?? RateLimiters.DefaultController<TKey>(this.clock);
        timer = this.clock.CreateTimer(_ => PromoteDueItems(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        this.metrics = (metrics ?? NoRuntimeMetrics.Instance).WorkQueue(name);
    }

    public string Name { get; }

    public int Count
    {
        get
        {
            lock (sync)
            {
                return queue.Count;
            }
        }
    }

    /// <summary>Keys waiting for their delay to pass.</summary>
    public int DelayedCount
    {
        get
        {
            lock (sync)
            {
                return readyAt.Count;
            }
        }
    }

    public bool IsShuttingDown
    {
        get
        {
            lock (sync)
            {
                return shuttingDown;
            }
        }
    }

    public void Add(TKey item)
    {
        lock (sync)
        {
            AddLocked(item);
        }
    }

    public void AddAfter(TKey item, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(item);
            return;
        }

        lock (sync)
        {
            if (shuttingDown)
            {
                return;
            }

            var due = clock.GetUtcNow() + delay;
            if (readyAt.TryGetValue(item, out var existing) && existing <= due)
            {
                return;
            }

            readyAt[item] = due;
            delayed.Enqueue(item, due);
            RescheduleLocked();
        }
    }

    public void AddRateLimited(TKey item)
    {
        metrics.Retried();
        AddAfter(item, rateLimiter.When(item));
    }

    public void Forget(TKey item) => rateLimiter.Forget(item);

    public int NumRequeues(TKey item) => rateLimiter.NumRequeues(item);

    public Task<(TKey Item, bool Shutdown)> GetAsync(CancellationToken cancellationToken = default)
    {
        lock (sync)
        {
            if (shuttingDown)
            {
                return Task.FromResult((default(TKey)!, true));
            }

            if (queue.Count > 0)
            {
                return Task.FromResult((TakeLocked(), false));
            }

            var waiter = new TaskCompletionSource<(TKey, bool)>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (cancellationToken.CanBeCanceled)
            {
                // A cancelled waiter stays in the queue and is skipped when an item is handed out.
                var registration = cancellationToken.Register(() => waiter.TrySetCanceled(cancellationToken));
                _ = waiter.Task.ContinueWith(_ => registration.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }

            waiters.Enqueue(waiter);
            return waiter.Task;
        }
    }

    public void Done(TKey item)
    {
        lock (sync)
        {
            processing.Remove(item);
            if (startedAt.Remove(item, out var started))
            {
                metrics.Worked(clock.GetUtcNow() - started);
            }

            // Added again while it was being processed: now it may run again.
            if (dirty.Contains(item))
            {
                EnqueueLocked(item);
            }
        }
    }

    public void ShutDown()
    {
        lock (sync)
        {
            shuttingDown = true;
            while (waiters.TryDequeue(out var waiter))
            {
                waiter.TrySetResult((default!, true));
            }

            delayed.Clear();
            readyAt.Clear();
            timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose()
    {
        ShutDown();
        timer.Dispose();
    }

    private void AddLocked(TKey item)
    {
        if (shuttingDown || !dirty.Add(item))
        {
            return;
        }

        metrics.Added();
        addedAt.TryAdd(item, clock.GetUtcNow());
        if (processing.Contains(item))
        {
            return;
        }

        EnqueueLocked(item);
    }

    private void EnqueueLocked(TKey item)
    {
        queue.Enqueue(item);
        metrics.DepthChanged(queue.Count);
        while (queue.Count > 0 && waiters.TryDequeue(out var waiter))
        {
            if (waiter.Task.IsCompleted)
            {
                continue;
            }

            var next = TakeLocked();
            if (!waiter.TrySetResult((next, false)))
            {
                UntakeLocked(next);
            }
        }
    }

    private TKey TakeLocked()
    {
        var item = queue.Dequeue();
        metrics.DepthChanged(queue.Count);
        processing.Add(item);
        dirty.Remove(item);
        var now = clock.GetUtcNow();
        if (addedAt.Remove(item, out var added))
        {
            metrics.Waited(now - added);
        }

        startedAt[item] = now;
        return item;
    }

    // The waiter was cancelled between the check and the hand-off: put the key back at the front.
    private void UntakeLocked(TKey item)
    {
        processing.Remove(item);
        startedAt.Remove(item);
        dirty.Add(item);
        addedAt.TryAdd(item, clock.GetUtcNow());
        var rest = queue.ToArray();
        queue.Clear();
        queue.Enqueue(item);
        foreach (var other in rest)
        {
            queue.Enqueue(other);
        }

        metrics.DepthChanged(queue.Count);
    }

    private void PromoteDueItems()
    {
        lock (sync)
        {
            var now = clock.GetUtcNow();
            while (delayed.TryPeek(out var item, out var due) && due <= now)
            {
                delayed.Dequeue();

                // Skip stale entries: the key was re-delayed to an earlier time and already promoted.
                if (readyAt.TryGetValue(item, out var current) && current == due)
                {
                    readyAt.Remove(item);
                    AddLocked(item);
                }
            }

            RescheduleLocked();
        }
    }

    private void RescheduleLocked()
    {
        while (delayed.TryPeek(out var item, out var due))
        {
            if (readyAt.TryGetValue(item, out var current) && current == due)
            {
                var wait = due - clock.GetUtcNow();
                timer.Change(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
                return;
            }

            delayed.Dequeue();
        }

        timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }
}
