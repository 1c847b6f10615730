namespace IcOperator.Kube.Resources;

/// <summary>One page of a list response.</summary>
public sealed class KubeList<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    public V1ListMeta Metadata { get; init; } = new();

    public IReadOnlyList<T> Items { get; init; } = [];
}
