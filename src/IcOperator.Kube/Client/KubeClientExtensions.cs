using System.Text.Json;
using System.Text.Json.Nodes;
using IcOperator.Kube.Resources;

namespace IcOperator.Kube.Client;

/// <summary>Read-modify-write patterns over <see cref="IKubeClient"/>.</summary>
public static class KubeClientExtensions
{
    /// <summary>
    /// Writes <paramref name="obj"/>'s <c>status</c> with a merge patch on <c>/status</c>. With
    /// <paramref name="requireResourceVersion"/> the write fails with a conflict if the object changed since
    /// it was read; without, it overwrites the status fields it names (a controller owning its status).
    /// </summary>
    public static Task<T> PatchStatusFromAsync<T>(this IKubeClient client, KubeResource<T> resource, T obj, bool requireResourceVersion = false, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(obj);
        var node = JsonSerializer.SerializeToNode(obj, resource.TypeInfo) as JsonObject
            ?? throw new ArgumentException($"{resource.Kind} did not serialise to a JSON object", nameof(obj));
        var status = node["status"]?.DeepClone();
        if (status is null)
        {
            throw new ArgumentException($"{resource.Kind} {ObjectKey.Of(obj)} has no status to write", nameof(obj));
        }

        var patch = new JsonObject { ["status"] = status };
        if (requireResourceVersion)
        {
            patch["metadata"] = new JsonObject { ["resourceVersion"] = obj.Metadata.ResourceVersion };
        }

        return client.PatchStatusAsync(resource, obj.Metadata.Name!, obj.Metadata.NamespaceProperty, KubePatch.Merge(patch), cancellationToken: cancellationToken);
    }

    /// <summary>Reads the latest object, applies <paramref name="mutate"/> and writes its status, retrying on conflict.</summary>
    public static Task<T> UpdateStatusAsync<T>(this IKubeClient client, KubeResource<T> resource, ObjectKey key, Action<T> mutate, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(mutate);
        return ConflictRetry.RunAsync(
            async ct =>
            {
                var latest = await client.GetAsync(resource, key.Name, key.Namespace.Length == 0 ? null : key.Namespace, ct);
                mutate(latest);
                return await client.PatchStatusFromAsync(resource, latest, requireResourceVersion: true, ct);
            },
            cancellationToken: cancellationToken);
    }
}
