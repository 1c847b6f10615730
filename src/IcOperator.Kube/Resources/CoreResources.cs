using IcOperator.Kube.Serialization;

namespace IcOperator.Kube.Resources;

/// <summary>The built-in kinds this library works with, as the official client models them.</summary>
public static class CoreResources
{
    public static KubeResource<V1Namespace> Namespaces { get; } = new(string.Empty, "v1", "namespaces", "Namespace", namespaced: false, KubeJsonContext.Default.V1Namespace);

    public static KubeResource<V1Secret> Secrets { get; } = new(string.Empty, "v1", "secrets", "Secret", namespaced: true, KubeJsonContext.Default.V1Secret);

    public static KubeResource<V1ConfigMap> ConfigMaps { get; } = new(string.Empty, "v1", "configmaps", "ConfigMap", namespaced: true, KubeJsonContext.Default.V1ConfigMap);

    public static KubeResource<Eventsv1Event> Events { get; } = new("events.k8s.io", "v1", "events", "Event", namespaced: true, KubeJson.TypeInfo<Eventsv1Event>());

    public static KubeResource<V1Lease> Leases { get; } = new("coordination.k8s.io", "v1", "leases", "Lease", namespaced: true, KubeJson.TypeInfo<V1Lease>());
}
