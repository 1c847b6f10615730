using System.Text.Json.Nodes;
using IcOperator.Kube.Client;
using IcOperator.Kube.Resources;

namespace IcOperator.Kube.Reconciliation;

/// <summary>
/// Finalizer helpers. The patches carry the object's resourceVersion: finalizers are a list that a merge
/// patch replaces whole, so a stale write must fail (409) rather than drop another controller's finalizer.
/// </summary>
public static class Finalizers
{
    public static bool Has(IKubernetesObject<V1ObjectMeta> obj, string finalizer)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return obj.Metadata.Finalizers?.Contains(finalizer) == true;
    }

    /// <summary>Adds the finalizer in memory; false when it was already there.</summary>
    public static bool Add(IKubernetesObject<V1ObjectMeta> obj, string finalizer)
    {
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentException.ThrowIfNullOrEmpty(finalizer);
        obj.Metadata.Finalizers ??= [];
        if (obj.Metadata.Finalizers.Contains(finalizer))
        {
            return false;
        }

        obj.Metadata.Finalizers.Add(finalizer);
        return true;
    }

    /// <summary>Removes the finalizer in memory; false when it was not there.</summary>
    public static bool Remove(IKubernetesObject<V1ObjectMeta> obj, string finalizer)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return obj.Metadata.Finalizers?.Remove(finalizer) == true;
    }

    /// <summary>Adds the finalizer on the server (if missing) and returns the updated object.</summary>
    public static async Task<T> EnsureAsync<T>(IKubeClient client, KubeResource<T> resource, T obj, string finalizer, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(client);
        return Add(obj, finalizer) ? await PatchFinalizersAsync(client, resource, obj, cancellationToken) : obj;
    }

    /// <summary>Removes the finalizer on the server (if present); the server deletes the object when it was the last.</summary>
    public static async Task<T> RemoveAsync<T>(IKubeClient client, KubeResource<T> resource, T obj, string finalizer, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(client);
        return Remove(obj, finalizer) ? await PatchFinalizersAsync(client, resource, obj, cancellationToken) : obj;
    }

    private static Task<T> PatchFinalizersAsync<T>(IKubeClient client, KubeResource<T> resource, T obj, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var finalizers = new JsonArray([.. obj.Metadata.Finalizers!.Select(f => (JsonNode?)JsonValue.Create(f))]);
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["resourceVersion"] = obj.Metadata.ResourceVersion,
                ["finalizers"] = finalizers,
            },
        };
        return client.PatchAsync(resource, obj.Metadata.Name!, obj.Metadata.NamespaceProperty, KubePatch.Merge(patch), cancellationToken: cancellationToken);
    }
}
