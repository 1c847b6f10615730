using IcOperator.Kube.Resources;

namespace IcOperator.Kube.Reconciliation;

/// <summary>Tells an update that touched only status (a controller's own write) from one a controller must act on.</summary>
internal static class StatusOnlyChange
{
    public static bool Is(IKubernetesObject<V1ObjectMeta> before, IKubernetesObject<V1ObjectMeta> after)
    {
        var a = before.Metadata;
        var b = after.Metadata;

        // Kinds without a generation (or a status subresource) cannot tell spec from status: always deliver.
        if (a.Generation is null || b.Generation is null || a.Generation != b.Generation)
        {
            return false;
        }

        return SameMap(a.Labels, b.Labels)
            && SameMap(a.Annotations, b.Annotations)
            && SameList(a.Finalizers, b.Finalizers)
            && a.DeletionTimestamp == b.DeletionTimestamp
            && SameOwners(a.OwnerReferences, b.OwnerReferences);
    }

    private static bool SameMap(IDictionary<string, string>? x, IDictionary<string, string>? y)
    {
        if ((x?.Count ?? 0) != (y?.Count ?? 0))
        {
            return false;
        }

        if (x is null || y is null)
        {
            return true;
        }

        foreach (var (key, value) in x)
        {
            if (!y.TryGetValue(key, out var other) || other != value)
            {
                return false;
            }
        }

        return true;
    }

    private static bool SameList(IList<string>? x, IList<string>? y) =>
        (x ?? []).SequenceEqual(y ?? [], StringComparer.Ordinal);

    private static bool SameOwners(IList<V1OwnerReference>? x, IList<V1OwnerReference>? y) =>
        (x ?? []).Select(o => o.Uid).SequenceEqual((y ?? []).Select(o => o.Uid), StringComparer.Ordinal);
}
