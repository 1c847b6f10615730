using System.Diagnostics;
using IcOperator.Kube.Client;
using IcOperator.Kube.Informers;
using IcOperator.Kube.Instrumentation;
using IcOperator.Kube.Queue;
using IcOperator.Kube.Resources;
using Microsoft.Extensions.Logging;

namespace IcOperator.Kube.Reconciliation;

/// <summary>Runs one reconciler: events from the informers → work queue → N workers → result → requeue policy.</summary>
internal sealed class Controller<T> : IRunnableController
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly IInformer<T> informer;
    private readonly IReconciler<T> reconciler;
    private readonly ControllerOptions options;
    private readonly ControllerHostOptions hostOptions;
    private readonly ILogger logger;
    private readonly IControllerMetrics metrics;
    private readonly List<Func<IWorkQueue<ObjectKey>, IDisposable>> secondaryWatches = [];
    private volatile WorkQueue<ObjectKey>? currentQueue;
    private long reconcilesCompleted;
    private int inFlight;
    private (PartitionGate Gate, Func<T, string?> PartitionOf, Func<string, int> LimitOf)? partitions;

    public Controller(IInformer<T> informer, IReconciler<T> reconciler, ControllerOptions options, ControllerHostOptions hostOptions)
    {
        if (options.MaxConcurrentReconciles < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxConcurrentReconciles, $"controller {options.Name}: MaxConcurrentReconciles must be at least 1");
        }

        this.informer = informer;
        this.reconciler = reconciler;
        this.options = options;
        this.hostOptions = hostOptions;
        logger = hostOptions.LoggerFactory.CreateLogger($"IcOperator.Kube.Controller.{options.Name}");
        metrics = hostOptions.Metrics.Controller(options.Name);
        metrics.WorkersConfigured(options.Concurrency?.Limit ?? options.MaxConcurrentReconciles);
        if (options.Concurrency is { } limit)
        {
            limit.Changed += metrics.WorkersConfigured;
        }
    }

    public string Name => options.Name;

    /// <summary>The queue of the current leadership term (null between terms); for tests and diagnostics.</summary>
    internal WorkQueue<ObjectKey>? Queue => currentQueue;

    public ControllerActivity Activity =>
        new(Interlocked.Read(ref reconcilesCompleted), currentQueue?.Count ?? 0, Volatile.Read(ref inFlight));

    public void AddSecondaryWatch(Func<IWorkQueue<ObjectKey>, IDisposable> register) => secondaryWatches.Add(register);

    /// <summary>At most <paramref name="limitOf"/>(partition) objects of one partition are reconciled at once; objects of no partition are not limited.</summary>
    public void LimitPerPartition(Func<T, string?> partitionOf, Func<string, int> limitOf) => partitions = (new PartitionGate(), partitionOf, limitOf);

    /// <summary>Objects waiting for room in their partition; for tests and diagnostics.</summary>
    internal int ParkedOverPartitionLimits => partitions?.Gate.Parked ?? 0;

    public async Task RunAsync(CancellationToken stopping)
    {
        using var queue = new WorkQueue<ObjectKey>(options.Name, options.RateLimiter, hostOptions.Clock, hostOptions.Metrics);
        currentQueue = queue;
        var registrations = new List<IDisposable> { informer.AddHandler(e => OnPrimaryEvent(queue, e)) };
        registrations.AddRange(secondaryWatches.Select(register => register(queue)));
        logger.LogInformation("Controller {Controller} starting {Workers} workers", options.Name, options.MaxConcurrentReconciles);

        using var shutdown = new CancellationTokenSource();
        var workers = Enumerable.Range(0, options.MaxConcurrentReconciles)
            .Select(_ => Task.Run(() => WorkAsync(queue, shutdown.Token, stopping), CancellationToken.None))
            .ToArray();
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, hostOptions.Clock, stopping);
        }
        catch (OperationCanceledException)
        {
        }

        foreach (var registration in registrations)
        {
            registration.Dispose();
        }

        queue.ShutDown();
        await shutdown.CancelAsync();
        try
        {
            await Task.WhenAll(workers).WaitAsync(hostOptions.ShutdownTimeout, hostOptions.Clock, CancellationToken.None);
            logger.LogInformation("Controller {Controller} stopped", options.Name);
        }
        catch (TimeoutException)
        {
            logger.LogWarning("Controller {Controller}: reconciles still running {Timeout} after stop; abandoning them", options.Name, hostOptions.ShutdownTimeout);
        }
        finally
        {
            currentQueue = null;
        }
    }

    private void OnPrimaryEvent(WorkQueue<ObjectKey> queue, InformerEvent<T> e)
    {
        if (e.Type == InformerEventType.Updated && !options.ReconcileOnStatusChange && e.OldObject is not null && StatusOnlyChange.Is(e.OldObject, e.Object))
        {
            return;
        }

        queue.Add(ObjectKey.Of(e.Object));
    }

    private async Task WorkAsync(WorkQueue<ObjectKey> queue, CancellationToken shuttingDown, CancellationToken stopping)
    {
        while (true)
        {
            if (options.Concurrency is { } limit)
            {
                try
                {
                    await limit.EnterAsync(shuttingDown);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            try
            {
                var (key, shutdown) = await queue.GetAsync(CancellationToken.None);
                if (shutdown)
                {
                    return;
                }

                if (!Admit(queue, key, out var partition))
                {
                    // Parked until its partition has room: the worker goes on to the next object.
                    queue.Done(key);
                    continue;
                }

                metrics.WorkerBusy();
                Interlocked.Increment(ref inFlight);
                try
                {
                    await ReconcileOneAsync(queue, key, stopping);
                }
                finally
                {
                    metrics.WorkerIdle();
                    queue.Done(key);
                    if (partition is not null)
                    {
                        var wake = new List<ObjectKey>();
                        partitions!.Value.Gate.Exit(partition, wake);
                        AddAll(queue, wake);
                    }

                    // Counted as finished once what it woke is queued, so the host never looks idle in between.
                    Interlocked.Decrement(ref inFlight);
                    Interlocked.Increment(ref reconcilesCompleted);
                }
            }
            finally
            {
                options.Concurrency?.Exit();
            }
        }
    }

    /// <summary>Whether the object may be reconciled now, within its partition's limit; <paramref name="partition"/> is the one it entered.</summary>
    private bool Admit(WorkQueue<ObjectKey> queue, ObjectKey key, out string? partition)
    {
        partition = null;
        if (partitions is not { } limits)
        {
            return true;
        }

        var wake = new List<ObjectKey>();
        var admitted = true;
        if (informer.Get(key) is { } cached && limits.PartitionOf(cached) is { } name)
        {
            admitted = limits.Gate.TryEnter(name, limits.LimitOf(name), key, wake);
            partition = admitted ? name : null;
        }
        else
        {
            limits.Gate.Forget(key, wake);
        }

        AddAll(queue, wake);
        return admitted;
    }

    private static void AddAll(WorkQueue<ObjectKey> queue, List<ObjectKey> keys)
    {
        foreach (var key in keys)
        {
            queue.Add(key);
        }
    }

    private async Task ReconcileOneAsync(WorkQueue<ObjectKey> queue, ObjectKey key, CancellationToken stopping)
    {
        var started = Stopwatch.GetTimestamp();
        ReconcileResult result;
        try
        {
            var cached = informer.Get(key);
            if (cached is null)
            {
                await reconciler.DeletedAsync(key, stopping);
                result = ReconcileResult.Done();
            }
            else
            {
                result = await reconciler.ReconcileAsync(KubeObjects.DeepCopy(informer.Resource, cached), stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping (shutdown or lost lease): the next leader or run reconciles it again from its cache.
            return;
        }
        catch (TerminalReconcileException e)
        {
            result = ReconcileResult.Terminal(e.Message);
            logger.LogError(e, "Reconcile of {Controller} {Key} failed terminally", options.Name, key);
        }
        catch (Exception e) when (IsConflict(e))
        {
            // Optimistic concurrency at work, not a fault: another writer changed an object this reconcile read.
            // Retried with the queue's backoff, or sooner when the newer version's watch event arrives: no stack, no warning.
            logger.LogInformation("Reconcile of {Controller} {Key} read an object that has changed since; retrying: {Message}", options.Name, key, e.Message);
            queue.AddRateLimited(key);
            metrics.Reconciled(ReconcileOutcome.Error, Stopwatch.GetElapsedTime(started));
            return;
        }
#pragma warning disable CA1031 // A reconciler's failure is the controller's to retry, not to crash on.
        catch (Exception e)
#pragma warning restore CA1031
        {
            result = ReconcileResult.Error(e.Message);
            logger.LogError(e, "Reconcile of {Controller} {Key} failed", options.Name, key);
        }

        var duration = Stopwatch.GetElapsedTime(started);
        Apply(queue, key, result);
        metrics.Reconciled(result.Outcome, duration);
    }

    private static bool IsConflict(Exception e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is KubeConflictException)
            {
                return true;
            }
        }

        return false;
    }

    private void Apply(WorkQueue<ObjectKey> queue, ObjectKey key, ReconcileResult result)
    {
        switch (result.Outcome)
        {
            case ReconcileOutcome.Done:
                queue.Forget(key);
                break;
            case ReconcileOutcome.RequeueAfter:
                queue.Forget(key);
                queue.AddAfter(key, result.Delay);
                break;
            case ReconcileOutcome.Error:
                logger.LogWarning("Reconcile of {Controller} {Key} will be retried: {Message}", options.Name, key, result.Message);
                queue.AddRateLimited(key);
                break;
            case ReconcileOutcome.Terminal:
                // No retry: the next change to the object (or a secondary watch) brings it back.
                logger.LogWarning("Reconcile of {Controller} {Key} stopped until the object changes: {Message}", options.Name, key, result.Message);
                queue.Forget(key);
                break;
        }
    }
}
