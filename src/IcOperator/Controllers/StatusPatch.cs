using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using IcOperator.Kube.Client;
using IcOperator.Kube.Resources;
using k8s;
using k8s.Models;

namespace IcOperator.Controllers;

/// <summary>
/// A JSON merge patch of <c>status</c> from the status as read to the status wanted: fields that
/// disappeared are sent as null (so the API server removes them), lists are replaced whole, and
/// unchanged fields are left out. Patches, not PUTs, so a concurrent spec change never causes a conflict.
/// </summary>
internal static class StatusPatch
{
    public static KubePatch Between<T>(T? original, T modified, JsonTypeInfo<T> type) =>
        KubePatch.Merge(new JsonObject { ["status"] = StatusDiff(original, modified, type) });

    /// <summary>
    /// Patches status from <paramref name="original"/> (the cached object's, or the last write) to <paramref name="modified"/>,
    /// and sends nothing when they are equal: a reconcile that changes nothing costs no request and wakes no watcher.
    /// </summary>
    /// <returns>Whether a patch was sent.</returns>
    public static async Task<bool> WriteAsync<TObject, TStatus>(IKubeClient client, KubeResource<TObject> resource, string name, string? @namespace, TStatus? original, TStatus modified, JsonTypeInfo<TStatus> type, CancellationToken cancellationToken)
        where TObject : class, IKubernetesObject<V1ObjectMeta> =>
        await SendAsync(client, resource, name, @namespace, original, modified, type, cancellationToken) is not null;

    /// <summary>As <see cref="WriteAsync"/>, returning the object as the API server stored it; null when nothing was sent.</summary>
    public static async Task<TObject?> SendAsync<TObject, TStatus>(IKubeClient client, KubeResource<TObject> resource, string name, string? @namespace, TStatus? original, TStatus modified, JsonTypeInfo<TStatus> type, CancellationToken cancellationToken)
        where TObject : class, IKubernetesObject<V1ObjectMeta>
    {
        var diff = StatusDiff(original, modified, type);
        if (diff is JsonObject { Count: 0 })
        {
            return null;
        }

        return await client.PatchStatusAsync(resource, name, @namespace, KubePatch.Merge(new JsonObject { ["status"] = diff }), cancellationToken: cancellationToken);
    }

    private static JsonNode? StatusDiff<T>(T? original, T modified, JsonTypeInfo<T> type) =>
        Diff(original is null ? null : JsonSerializer.SerializeToNode(original, type), JsonSerializer.SerializeToNode(modified, type));

    /// <summary>The RFC 7386 merge patch that turns <paramref name="original"/> into <paramref name="modified"/>.</summary>
    public static JsonNode? Diff(JsonNode? original, JsonNode? modified)
    {
        if (original is not JsonObject before || modified is not JsonObject after)
        {
            return modified?.DeepClone();
        }

        var patch = new JsonObject();
        foreach (var (key, _) in before)
        {
            if (!after.ContainsKey(key))
            {
                patch[key] = null;
            }
        }

        foreach (var (key, value) in after)
        {
            if (!before.TryGetPropertyValue(key, out var old))
            {
                patch[key] = value?.DeepClone();
            }
            else if (!JsonNode.DeepEquals(old, value))
            {
                patch[key] = Diff(old, value);
            }
        }

        return patch;
    }
}
