namespace IcOperator.Kube.Queue;

/// <summary>
/// A rate-limited work queue with controller-runtime semantics: a key queued twice is processed once; a
/// key is never handed to two workers at once; an add while it is processed queues it again after
/// <see cref="Done"/>; delayed adds wait on the queue's clock, independently of later adds.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "A work queue is the domain name (client-go workqueue).")]
public interface IWorkQueue<TKey>
    where TKey : notnull
{
    /// <summary>Keys waiting to be handed out (not counting delayed or in-process ones).</summary>
    int Count { get; }

    bool IsShuttingDown { get; }

    void Add(TKey item);

    /// <summary>Adds the key once <paramref name="delay"/> has passed; an earlier pending delay wins.</summary>
    void AddAfter(TKey item, TimeSpan delay);

    /// <summary>Adds after the rate limiter's delay (per-item backoff and the overall bucket).</summary>
    void AddRateLimited(TKey item);

    /// <summary>The key succeeded: reset its backoff.</summary>
    void Forget(TKey item);

    int NumRequeues(TKey item);

    /// <summary>Waits for a key. <c>Shutdown</c> is true (and the key default) once the queue is shut down.</summary>
    Task<(TKey Item, bool Shutdown)> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>Processing of the key finished (successfully or not).</summary>
    void Done(TKey item);

    /// <summary>Stops handing out keys; waiting and later <see cref="GetAsync"/> calls return with Shutdown.</summary>
    void ShutDown();
}
