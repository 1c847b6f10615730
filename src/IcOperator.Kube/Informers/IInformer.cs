using IcOperator.Kube.Resources;

namespace IcOperator.Kube.Informers;

/// <summary>
/// A list-then-watch cache of one kind. Objects returned are shared with the cache: treat them as
/// read-only (the controller host hands reconcilers their own copy).
/// </summary>
public interface IInformer<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    KubeResource<T> Resource { get; }

    /// <summary>True once the first list has been stored.</summary>
    bool HasSynced { get; }

    Task WaitForSyncAsync(CancellationToken cancellationToken);

    T? Get(ObjectKey key);

    IReadOnlyList<T> List();

    /// <summary>Objects whose index function returned <paramref name="value"/> for the index <paramref name="indexName"/>.</summary>
    IReadOnlyList<T> ByIndex(string indexName, string value);

    /// <summary>Declares an index (e.g. CanisterDeployments by template name). Add indexes before the informer starts.</summary>
    void AddIndex(string indexName, Func<T, IEnumerable<string>> indexFunction);

    /// <summary>
    /// Calls <paramref name="handler"/> for every change, in order; objects already cached are replayed as
    /// Added. Handlers run on the informer's loop and must be quick (enqueue, not reconcile).
    /// </summary>
    IDisposable AddHandler(Action<InformerEvent<T>> handler);
}
