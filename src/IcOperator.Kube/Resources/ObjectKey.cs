namespace IcOperator.Kube.Resources;

/// <summary>The identity of an object within its kind: namespace (empty for cluster-scoped kinds) and name.</summary>
public readonly record struct ObjectKey(string Namespace, string Name)
{
    public static ObjectKey Of(IKubernetesObject<V1ObjectMeta> obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return new ObjectKey(obj.Metadata.NamespaceProperty ?? string.Empty, obj.Metadata.Name ?? string.Empty);
    }

    /// <summary><c>namespace/name</c>, or <c>name</c> for cluster-scoped objects, as client-go writes keys.</summary>
    public override string ToString() => Namespace.Length == 0 ? Name : $"{Namespace}/{Name}";
}
