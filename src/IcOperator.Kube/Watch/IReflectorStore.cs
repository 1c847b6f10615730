using IcOperator.Kube.Resources;

namespace IcOperator.Kube.Watch;

/// <summary>Where a reflector writes what it lists and watches.</summary>
internal interface IReflectorStore<in T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    /// <summary>A full list: the store becomes exactly these objects.</summary>
    void Replace(IReadOnlyList<T> objects, string resourceVersion);

    void Upsert(T obj);

    void Delete(T obj);
}
