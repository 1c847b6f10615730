using IcOperator.Kube.Client;
using IcOperator.Kube.Informers;
using IcOperator.Kube.LeaderElection;
using IcOperator.Kube.Resources;
using Microsoft.Extensions.Logging;

namespace IcOperator.Kube.Reconciliation;

/// <summary>
/// Runs controllers: one shared informer per kind, caches synced before any reconcile, controllers active
/// only while this host leads (when leader election is configured), and a bounded, graceful stop.
/// </summary>
public sealed class ControllerHost
{
    private readonly Dictionary<string, IRunnableInformer> informers = new(StringComparer.Ordinal);
    private readonly List<IRunnableController> controllers = [];
    private readonly ILogger logger;
    private LeaderElector? elector;
    private int running;
    private volatile bool active;

    public ControllerHost(IKubeClient client, ControllerHostOptions? options = null)
    {
        Client = client ?? throw new ArgumentNullException(nameof(client));
        Options = options ?? new ControllerHostOptions();
        logger = Options.LoggerFactory.CreateLogger<ControllerHost>();
    }

    public IKubeClient Client { get; }

    public ControllerHostOptions Options { get; }

    /// <summary>True while controllers are running (this host leads, or leader election is off).</summary>
    public bool IsActive => active;

    /// <summary>True while this host holds the lease (always true without leader election, once running).</summary>
    public bool IsLeader => Options.LeaderElection is null ? Volatile.Read(ref running) != 0 : elector?.IsLeader == true;

    /// <summary>True once every informer has listed its kind.</summary>
    public bool HasSynced
    {
        get
        {
            lock (informers)
            {
                return informers.Values.All(i => i.HasSynced);
            }
        }
    }

    /// <summary>What the controllers are doing now: reconciles finished so far, keys queued and reconciles running.</summary>
    public ControllerActivity Activity
    {
        get
        {
            var (completed, queued, inFlight) = (0L, 0, 0);
            foreach (var controller in controllers)
            {
                var activity = controller.Activity;
                completed += activity.ReconcilesCompleted;
                queued += activity.Queued;
                inFlight += activity.InFlight;
            }

            return new ControllerActivity(completed, queued, inFlight);
        }
    }

    /// <summary>Raised (on a host thread) when controllers start or stop for a leadership term.</summary>
    public event EventHandler<bool>? ActiveChanged;

    /// <summary>The shared cache of a kind (created on first use). Add indexes before <see cref="RunAsync"/>.</summary>
    public IInformer<T> Informer<T>(KubeResource<T> resource)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(resource);
        lock (informers)
        {
            var key = resource.DisplayName + "/" + resource.Version;
            if (informers.TryGetValue(key, out var existing))
            {
                return ((RunnableInformer<T>)existing).Informer;
            }

            EnsureNotRunning();
            var informer = new Informer<T>(
                Client,
                resource,
                resource.Namespaced ? Options.Namespace : null,
                labelSelector: null,
                Options.Clock,
                Options.LoggerFactory.CreateLogger($"IcOperator.Kube.Informer.{resource.DisplayName}"));
            informers[key] = new RunnableInformer<T>(informer);
            return informer;
        }
    }

    /// <summary>Registers a controller for <typeparamref name="T"/>; chain Owns/Watches for secondary kinds.</summary>
    public ControllerBuilder<T> AddController<T>(KubeResource<T> resource, IReconciler<T> reconciler, ControllerOptions options)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(reconciler);
        ArgumentNullException.ThrowIfNull(options);
        EnsureNotRunning();
        if (controllers.Any(c => c.Name == options.Name))
        {
            throw new InvalidOperationException($"a controller named {options.Name} is already registered");
        }

        var controller = new Controller<T>(Informer(resource), reconciler, options, Options);
        controllers.Add(controller);
        return new ControllerBuilder<T>(this, resource, controller);
    }

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled, then stops within the shutdown timeout.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref running, 1) != 0)
        {
            throw new InvalidOperationException("the controller host is already running");
        }

        using var informerStop = new CancellationTokenSource();
        IRunnableInformer[] all;
        lock (informers)
        {
            all = [.. informers.Values];
        }

        var informerTasks = all.Select(i => Task.Run(() => i.RunAsync(informerStop.Token), CancellationToken.None)).ToArray();
        try
        {
            await Task.WhenAll(all.Select(i => i.WaitForSyncAsync(cancellationToken)));
            logger.LogInformation("Caches synced for {Kinds}", string.Join(", ", informers.Keys));
            if (Options.LeaderElection is { } election)
            {
                elector = new LeaderElector(Client, election, Options.Clock, Options.LoggerFactory.CreateLogger<LeaderElector>(), Options.Metrics);
                while (!cancellationToken.IsCancellationRequested)
                {
                    await elector.RunOnceAsync(RunControllersAsync, cancellationToken);
                }
            }
            else
            {
                await RunControllersAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            await informerStop.CancelAsync();
            await Task.WhenAll(informerTasks);
            Volatile.Write(ref running, 0);
        }
    }

    private async Task RunControllersAsync(CancellationToken stopping)
    {
        SetActive(true);
        try
        {
            await Task.WhenAll(controllers.Select(c => c.RunAsync(stopping)));
        }
        finally
        {
            SetActive(false);
        }
    }

    private void SetActive(bool value)
    {
        active = value;
        ActiveChanged?.Invoke(this, value);
    }

    private void EnsureNotRunning()
    {
        if (Volatile.Read(ref running) != 0)
        {
            throw new InvalidOperationException("informers and controllers must be added before the host runs");
        }
    }
}
