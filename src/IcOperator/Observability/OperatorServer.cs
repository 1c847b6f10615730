using IcOperator.Controllers;
using IcOperator.Kube.Client;
using IcOperator.Kube.LeaderElection;
using IcOperator.Memory;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace IcOperator.Observability;

/// <summary>The operator process: controllers plus /healthz, /readyz and /metrics, until cancelled.</summary>
internal sealed class OperatorServer : IAsyncDisposable
{
    private readonly OperatorEndpoints endpoints;
    private readonly HealthState health;
    private readonly CancellationTokenSource stop = new();
    private Task controllersTask = Task.CompletedTask;
    private Task readinessTask = Task.CompletedTask;
    private Task memoryReleaseTask = Task.CompletedTask;

    private OperatorServer(OperatorEndpoints endpoints, HealthState health, OperatorControllers controllers, CollectorRegistry registry)
    {
        this.endpoints = endpoints;
        this.health = health;
        Controllers = controllers;
        Registry = registry;
    }

    public OperatorControllers Controllers { get; }

    public CollectorRegistry Registry { get; }

    /// <summary>Where /metrics, /healthz and /readyz are served.</summary>
    public Uri Address => endpoints.Address;

    /// <param name="registry">Served on /metrics; the caller may have registered the REST client's metrics in it already.</param>
    /// <param name="maxConcurrentReconciles">Workers of each controller (<c>--max-concurrent-reconciles</c>).</param>
    public static OperatorServer Start(IKubeClient client, CollectorRegistry registry, string listen, string wasmCache, ILoggerFactory loggers, LeaderElectionOptions? leaderElection, string? watchNamespace, int maxConcurrentReconciles = OperatorControllers.AutoConcurrentReconciles)
    {
        // The endpoints first: a --listen that cannot be served stops the start before any controller exists.
        var health = new HealthState();
        var endpoints = OperatorEndpoints.Start(listen, registry, health);
        var controllers = new OperatorControllers(client, registry, loggers, wasmCache, leaderElection, watchNamespace, maxConcurrentReconciles);
        var server = new OperatorServer(endpoints, health, controllers, registry);
        server.controllersTask = Task.Run(() => controllers.RunAsync(server.stop.Token));
        server.readinessTask = server.WatchReadinessAsync();
        var release = new IdleMemoryRelease(() => controllers.Host.Activity, new IdleMemoryReleaseSettings(), TimeProvider.System, loggers.CreateLogger<IdleMemoryRelease>());
        server.memoryReleaseTask = release.RunAsync(server.stop.Token);
        return server;
    }

    /// <summary>Runs until cancelled, or until the controllers stop on their own (a lost lease).</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        try
        {
            await controllersTask.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl-C or SIGTERM: shut down below.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await controllersTask;
        }
        catch (OperationCanceledException)
        {
            // Expected on shutdown.
        }

        await readinessTask;
        await memoryReleaseTask;
        await Controllers.DisposeAsync();
        await endpoints.DisposeAsync();
        stop.Dispose();
    }

    private async Task WatchReadinessAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token))
            {
                if (Controllers.Host.HasSynced)
                {
                    health.MarkReady();
                }
                else
                {
                    health.MarkNotReady("caches are not synced");
                }
            }
        }
        catch (OperationCanceledException)
        {
            health.MarkNotReady("shutting down");
        }
    }
}
