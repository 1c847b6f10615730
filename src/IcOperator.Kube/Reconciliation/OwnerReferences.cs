using IcOperator.Kube.Resources;

namespace IcOperator.Kube.Reconciliation;

/// <summary>Owner references, as controller-runtime's controllerutil sets them.</summary>
public static class OwnerReferences
{
    /// <summary>
    /// Makes <paramref name="owner"/> the controller of <paramref name="dependent"/>, so deleting the owner
    /// garbage-collects the dependent and <see cref="ControllerBuilder{T}.Owns{TChild}"/> maps it back.
    /// </summary>
    public static void SetControllerReference<TOwner>(KubeResource<TOwner> ownerResource, TOwner owner, IKubernetesObject<V1ObjectMeta> dependent)
        where TOwner : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(ownerResource);
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(dependent);
        var ownerMeta = owner.Metadata;
        if (string.IsNullOrEmpty(ownerMeta.Uid) || string.IsNullOrEmpty(ownerMeta.Name))
        {
            throw new ArgumentException($"{ownerResource.Kind} '{ownerMeta.Name}' has no uid yet: read it from the server before owning objects with it", nameof(owner));
        }

        // Garbage collection ignores references that cross namespaces, and a cluster-scoped dependent cannot have a namespaced owner.
        if (ownerResource.Namespaced)
        {
            var dependentNamespace = dependent.Metadata.NamespaceProperty ?? string.Empty;
            if (dependentNamespace.Length == 0 || dependentNamespace != ownerMeta.NamespaceProperty)
            {
                throw new ArgumentException(
                    $"{ownerResource.Kind} {ownerMeta.NamespaceProperty}/{ownerMeta.Name} cannot own {dependent.Kind} '{dependentNamespace}/{dependent.Metadata.Name}': " +
                    "a namespaced owner must be in the dependent's namespace",
                    nameof(dependent));
            }
        }

        var references = dependent.Metadata.OwnerReferences ??= new List<V1OwnerReference>();
        var existing = references.FirstOrDefault(r => r.Controller == true);
        if (existing is not null && existing.Uid != ownerMeta.Uid)
        {
            throw new InvalidOperationException(
                $"{dependent.Kind} {ObjectKey.Of(dependent)} is already controlled by {existing.Kind} {existing.Name}; cannot also be controlled by {ownerResource.Kind} {ownerMeta.Name}");
        }

        foreach (var stale in references.Where(r => r.Uid == ownerMeta.Uid).ToList())
        {
            references.Remove(stale);
        }

        references.Add(new V1OwnerReference
        {
            ApiVersion = ownerResource.ApiVersion,
            Kind = ownerResource.Kind,
            Name = ownerMeta.Name,
            Uid = ownerMeta.Uid,
            Controller = true,
            BlockOwnerDeletion = true,
        });
    }

    /// <summary>The controller owner reference of <paramref name="dependent"/>, if any.</summary>
    public static V1OwnerReference? ControllerOf(IKubernetesObject<V1ObjectMeta> dependent)
    {
        ArgumentNullException.ThrowIfNull(dependent);
        return dependent.Metadata.OwnerReferences?.FirstOrDefault(r => r.Controller == true);
    }
}
