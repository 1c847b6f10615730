using IcOperator.Kube.Serialization;

namespace IcOperator.Kube.Resources;

/// <summary>The built-in kinds this library works with.</summary>
public static class CoreResources
{
    public static KubeResource<Namespace> Namespaces { get; } = new(string.Empty, "v1", "namespaces", "Namespace", namespaced: false, KubeJsonContext.Default.Namespace);

    public static KubeResource<Secret> Secrets { get; } = new(string.Empty, "v1", "secrets", "Secret", namespaced: true, KubeJsonContext.Default.Secret);

    public static KubeResource<ConfigMap> ConfigMaps { get; } = new(string.Empty, "v1", "configmaps", "ConfigMap", namespaced: true, KubeJsonContext.Default.ConfigMap);

    public static KubeResource<Event> Events { get; } = new("events.k8s.io", "v1", "events", "Event", namespaced: true, KubeJsonContext.Default.Event);

    public static KubeResource<Lease> Leases { get; } = new("coordination.k8s.io", "v1", "leases", "Lease", namespaced: true, KubeJsonContext.Default.Lease);
}
