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

    // What a Helm chart for an operator installs besides its CRDs. Stored as sent (no schema, no
    // controllers behind them): enough for `kubectl apply --dry-run=server` and `helm install`.
    public static IReadOnlyList<ResourceType> Workloads { get; } =
    [
        V1Kind("", "Service", "services", namespaced: true) with { ShortNames = ["svc"], HasStatus = true },
        V1Kind("", "ServiceAccount", "serviceaccounts", namespaced: true) with { ShortNames = ["sa"] },
        V1Kind("apps", "Deployment", "deployments", namespaced: true) with
        {
            ShortNames = ["deploy"],
            Categories = ["all"],
            HasStatus = true,
            HasGeneration = true,
        },
        V1Kind("policy", "PodDisruptionBudget", "poddisruptionbudgets", namespaced: true) with
        {
            ShortNames = ["pdb"],
            HasStatus = true,
            HasGeneration = true,
        },
        V1Kind("rbac.authorization.k8s.io", "Role", "roles", namespaced: true),
        V1Kind("rbac.authorization.k8s.io", "RoleBinding", "rolebindings", namespaced: true),
        V1Kind("rbac.authorization.k8s.io", "ClusterRole", "clusterroles", namespaced: false),
        V1Kind("rbac.authorization.k8s.io", "ClusterRoleBinding", "clusterrolebindings", namespaced: false),
        V1Kind("networking.k8s.io", "NetworkPolicy", "networkpolicies", namespaced: true) with
        {
            ShortNames = ["netpol"],
            HasGeneration = true,
        },
    ];

    public static IReadOnlyList<ResourceType> All { get; } =
        [Namespaces, Secrets, ConfigMaps, CoreEvents, Events, Leases, CustomResourceDefinitions, .. Workloads];

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
