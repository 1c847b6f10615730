using IcOperator.Kube.Client;
using IcOperator.Kube.Resources;
using Microsoft.Extensions.Logging;

namespace IcOperator.Kube.Watch;

/// <summary>
/// Keeps a store in step with the API server: list, then watch from the list's resourceVersion, resume
/// each watch where the last one ended, and list again when the server says that version is gone (410,
/// as an HTTP status or as an ERROR event). Failures wait out <see cref="ReflectorBackoff"/>.
/// </summary>
internal sealed class Reflector<T>(
    IKubeClient client,
    KubeResource<T> resource,
    string? @namespace,
    string? labelSelector,
    IReflectorStore<T> store,
    TimeProvider clock,
    Random random,
    ILogger logger)
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    public static readonly TimeSpan MinWatchTimeout = TimeSpan.FromMinutes(5);
    private const int ListPageSize = 500;
    private static readonly TimeSpan ShortWatch = TimeSpan.FromSeconds(1);
    private readonly ReflectorBackoff backoff = new(clock, random);

    /// <summary>The version the next watch resumes from; null when the next step is a list.</summary>
    public string? LastSyncResourceVersion { get; private set; }

    public int ListCount { get; private set; }

    public int WatchCount { get; private set; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (LastSyncResourceVersion is null)
                {
                    await ListAsync(cancellationToken);
                }

                if (!await WatchAsync(cancellationToken))
                {
                    // A stream closed at once with nothing in it (a proxy cutting watches): reconnecting
                    // straight away would spin, so it counts as a failure.
                    var delay = backoff.Next();
                    logger.LogWarning("Watch of {Resource} ended after less than {Minimum} without events; reconnecting in {Delay}", resource, ShortWatch, delay);
                    await Task.Delay(delay, clock, cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (KubeGoneException e)
            {
                logger.LogInformation("Watch of {Resource} expired ({Reason}); listing again", resource, e.Message);
                LastSyncResourceVersion = null;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or KubeApiException or System.Text.Json.JsonException or OperationCanceledException)
            {
                var delay = backoff.Next();
                logger.LogWarning("List/watch of {Resource} failed ({Error}); retrying in {Delay}", resource, e.Message, delay);
                try
                {
                    await Task.Delay(delay, clock, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task ListAsync(CancellationToken cancellationToken)
    {
        var list = await client.ListAllAsync(resource, @namespace, new ListOptions { LabelSelector = labelSelector, Limit = ListPageSize }, cancellationToken);
        ListCount++;
        var version = list.Metadata.ResourceVersion ?? string.Empty;
        store.Replace(list.Items, version);
        LastSyncResourceVersion = version;
    }

    /// <summary>Runs one watch to its end; false when it ended at once without a single event.</summary>
    private async Task<bool> WatchAsync(CancellationToken cancellationToken)
    {
        var started = clock.GetUtcNow();
        var received = 0;
        // Randomised so that many watchers do not all reconnect at the same instant.
        var timeout = MinWatchTimeout + (MinWatchTimeout * random.NextDouble());
        var options = new WatchOptions { ResourceVersion = LastSyncResourceVersion, LabelSelector = labelSelector, AllowWatchBookmarks = true, Timeout = timeout };
        WatchCount++;
        await foreach (var e in client.WatchAsync(resource, @namespace, options, cancellationToken))
        {
            switch (e.Type)
            {
                case WatchEventType.Added:
                case WatchEventType.Modified:
                    store.Upsert(e.Object!);
                    break;
                case WatchEventType.Deleted:
                    store.Delete(e.Object!);
                    break;
                case WatchEventType.Bookmark:
                    break;
                case WatchEventType.Error:
                    throw KubeApiErrors.FromStatus(
                        "WATCH",
                        resource.PathFor(@namespace),
                        (System.Net.HttpStatusCode)(e.Status?.Code ?? 500),
                        e.Status);
            }

            if (e.ResourceVersion.Length > 0)
            {
                LastSyncResourceVersion = e.ResourceVersion;
            }

            received++;
            backoff.Reset();
        }

        return received > 0 || clock.GetUtcNow() - started >= ShortWatch;
    }
}
