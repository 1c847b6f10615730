using IcOperator.Kube.Resources;

namespace IcOperator.Kube.Informers;

/// <summary>A change to the cache: the object now (or last known, for Deleted) and, for Updated, the one before.</summary>
public sealed record InformerEvent<T>(InformerEventType Type, T Object, T? OldObject)
    where T : class, IKubernetesObject<V1ObjectMeta>;
