namespace IcOperator.Emulators.Kube.Resources;

/// <summary>The kinds served before any CRD exists: what the operator and kubectl need beside our own kinds.</summary>
internal static class BuiltInTypes
{
    public static ResourceType Namespaces { get; } = V1Kind("", "Namespace", "namespaces", namespaced: false) with
    {
        ShortNames = ["ns"],
        HasStatus = true,
    };

    public static ResourceType Secrets { get; } = V1Kind("", "Secret", "secrets", namespaced: true);

    public static ResourceType ConfigMaps { get; } = V1Kind("", "ConfigMap", "configmaps", namespaced: true) with
    {
        ShortNames = ["cm"],
    };

    public static ResourceType CoreEvents { get; } = V1Kind("", "Event", "events", namespaced: true) with
    {
        ShortNames = ["ev"],
    };

    public static ResourceType Events { get; } = V1Kind("events.k8s.io", "Event", "events", namespaced: true) with
    {
        SharedStorage = "events",
        ShortNames = ["ev"],
    };

    public static ResourceType Leases { get; } = V1Kind("coordination.k8s.io", "Lease", "leases", namespaced: true);

    public static ResourceType CustomResourceDefinitions { get; } =
        V1Kind("apiextensions.k8s.io", "CustomResourceDefinition", "customresourcedefinitions", namespaced: false) with
        {
            ShortNames = ["crd", "crds"],
            Categories = ["api-extensions"],
            HasStatus = true,
            HasGeneration = true,
        };

    public static IReadOnlyList<ResourceType> All { get; } =
        [Namespaces, Secrets, ConfigMaps, CoreEvents, Events, Leases, CustomResourceDefinitions];

    /// <summary>A kind at version v1 whose singular name is its kind in lower case, as for every built-in kind.</summary>
    private static ResourceType V1Kind(string group, string kind, string plural, bool namespaced) => new()
    {
        Group = group,
        Version = "v1",
        Plural = plural,
        Singular = kind.ToLowerInvariant(),
        Kind = kind,
        Namespaced = namespaced,
    };
}
