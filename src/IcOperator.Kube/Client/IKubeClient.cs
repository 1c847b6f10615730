using IcOperator.Kube.Resources;
using IcOperator.Kube.Watch;

namespace IcOperator.Kube.Client;

/// <summary>
/// Typed access to any resource the API server serves. Errors surface as <see cref="KubeApiException"/>
/// subtypes (<see cref="KubeNotFoundException"/>, <see cref="KubeConflictException"/>, …). A null or empty
/// namespace on a namespaced kind means "all namespaces" for list and watch.
/// </summary>
public interface IKubeClient : IDisposable
{
    /// <summary>The namespace of the kubeconfig context or of the pod.</summary>
    string DefaultNamespace { get; }

    /// <summary>The official client this one sends through, for the typed operations of built-in kinds.</summary>
    IKubernetes Kubernetes { get; }

    Task<T> GetAsync<T>(KubeResource<T> resource, string name, string? @namespace = null, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta>;

    /// <summary>Like <see cref="GetAsync{T}"/>, but null when the object does not exist.</summary>
    Task<T?> TryGetAsync<T>(KubeResource<T> resource, string name, string? @namespace = null, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta>;

    /// <summary>One page; follow <see cref="V1ListMeta.Continue"/> or use <see cref="ListAllAsync{T}"/>.</summary>
    Task<KubeList<T>> ListAsync<T>(KubeResource<T> resource, string? @namespace = null, ListOptions? options = null, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta>;

    /// <summary>Every page of a list; the returned resourceVersion is the first page's, the one to watch from.</summary>
    Task<KubeList<T>> ListAllAsync<T>(KubeResource<T> resource, string? @namespace = null, ListOptions? options = null, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta>;

    Task<T> CreateAsync<T>(KubeResource<T> resource, T obj, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta>;

    /// <summary>PUT: replaces the object; its metadata.resourceVersion makes it fail with a conflict when stale.</summary>
    Task<T> ReplaceAsync<T>(KubeResource<T> resource, T obj, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta>;

    Task<T> PatchAsync<T>(KubeResource<T> resource, string name, string? @namespace, KubePatch patch, PatchOptions? options = null, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta>;

    /// <summary>Patches the <c>/status</c> subresource: spec changes in the body are ignored by the server.</summary>
    Task<T> PatchStatusAsync<T>(KubeResource<T> resource, string name, string? @namespace, KubePatch patch, PatchOptions? options = null, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta>;

    /// <summary>PUT on <c>/status</c>.</summary>
    Task<T> ReplaceStatusAsync<T>(KubeResource<T> resource, T obj, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta>;

    /// <summary>Deletes; true when the server accepted it, false when the object was already gone.</summary>
    Task<bool> DeleteAsync<T>(KubeResource<T> resource, string name, string? @namespace = null, DeleteOptions? options = null, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta>;

    /// <summary>
    /// Opens one watch and yields its events until the server ends it. An HTTP 410 throws
    /// <see cref="KubeGoneException"/>; a 410 inside the stream arrives as an Error event.
    /// </summary>
    IAsyncEnumerable<WatchEvent<T>> WatchAsync<T>(KubeResource<T> resource, string? @namespace, WatchOptions options, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta>;
}
