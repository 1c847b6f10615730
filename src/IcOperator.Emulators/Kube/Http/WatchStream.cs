using System.Text;
using System.Text.Json.Nodes;
using IcOperator.Emulators.Kube.Resources;
using IcOperator.Emulators.Kube.Storage;
using IcOperator.Emulators.Kube.Tables;
using IcOperator.Emulators.Kube.Watch;
using Microsoft.AspNetCore.Http;

namespace IcOperator.Emulators.Kube.Http;

/// <summary>
/// Streams one watch as newline-delimited <c>{"type","object"}</c> events until the client leaves, the
/// timeout passes, the server stops or the watch is dropped; sends BOOKMARKs when asked to.
/// </summary>
internal sealed class WatchStream(ObjectStore store, TimeProvider time, TimeSpan bookmarkInterval)
{
    public async Task ServeAsync(HttpContext context, ResourceType type, WatchSubscription subscription, TimeSpan timeout, bool bookmarks, bool asTable, CancellationToken stopping)
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        cancellation.CancelAfter(timeout);
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await context.Response.StartAsync(cancellation.Token);
        // Clients wait for the headers before reading events; a quiet watch must not hold them back.
        await context.Response.Body.FlushAsync(cancellation.Token);
        var bookmarker = bookmarks ? BookmarkAsync(subscription, cancellation.Token) : Task.CompletedTask;
        try
        {
            await foreach (var change in subscription.Events.ReadAllAsync(cancellation.Token))
            {
                var obj = change.Type is "ERROR" or "BOOKMARK" ? change.Object.DeepClone().AsObject() : ToClient(change.Object, type);
                if (asTable && change.Type is not ("ERROR" or "BOOKMARK"))
                {
                    obj = TableBuilder.Build(type, [obj], Meta.ResourceVersion(obj), null, "PartialObjectMetadata", time.GetUtcNow());
                }

                var line = new JsonObject { ["type"] = change.Type, ["object"] = obj }.ToJsonString() + "\n";
                await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(line), cancellation.Token);
                await context.Response.Body.FlushAsync(cancellation.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // Timeout, client gone or server stopping: the stream simply ends, as it does on a cluster.
        }
        finally
        {
            store.StopWatch(subscription);
            await cancellation.CancelAsync();
            await bookmarker.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private static JsonObject ToClient(JsonObject stored, ResourceType type)
    {
        var copy = stored.DeepClone().AsObject();
        copy["apiVersion"] = type.ApiVersion;
        copy["kind"] = type.Kind;
        return copy;
    }

    private async Task BookmarkAsync(WatchSubscription subscription, CancellationToken cancellation)
    {
        using var timer = new PeriodicTimer(bookmarkInterval, time);
        while (await timer.WaitForNextTickAsync(cancellation))
        {
            store.Bookmark(subscription);
        }
    }
}
