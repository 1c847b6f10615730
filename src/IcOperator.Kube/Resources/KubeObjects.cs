using System.Text.Json;

namespace IcOperator.Kube.Resources;

/// <summary>Operations on any object that need its type info.</summary>
public static class KubeObjects
{
    /// <summary>A private copy (through JSON), so a reconciler may change it without touching the cache.</summary>
    public static T DeepCopy<T>(KubeResource<T> resource, T obj)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(resource);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(obj, resource.TypeInfo);
        return JsonSerializer.Deserialize(bytes, resource.TypeInfo)
            ?? throw new InvalidOperationException($"copy of {resource.Kind} {ObjectKey.Of(obj)} deserialised to null");
    }
}
