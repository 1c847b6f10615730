using IcOperator.Kube.Informers;
using IcOperator.Kube.Resources;

namespace IcOperator.Kube.Reconciliation;

/// <summary>Declares what else, besides its own kind, makes a controller reconcile an object.</summary>
public sealed class ControllerBuilder<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly ControllerHost host;
    private readonly KubeResource<T> resource;
    private readonly Controller<T> controller;

    internal ControllerBuilder(ControllerHost host, KubeResource<T> resource, Controller<T> controller)
    {
        this.host = host;
        this.resource = resource;
        this.controller = controller;
    }

    /// <summary>A change to a <typeparamref name="TChild"/> reconciles the object named by its controller owner reference.</summary>
    public ControllerBuilder<T> Owns<TChild>(KubeResource<TChild> child)
        where TChild : class, IKubernetesObject<V1ObjectMeta>
        => Watches(child, OwnerKeys);

    /// <summary>A change to a <typeparamref name="TOther"/> reconciles the objects <paramref name="map"/> names (e.g. through an index).</summary>
    public ControllerBuilder<T> Watches<TOther>(KubeResource<TOther> other, Func<TOther, IEnumerable<ObjectKey>> map)
        where TOther : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(map);
        var informer = host.Informer(other);
        controller.AddSecondaryWatch(queue => informer.AddHandler(e =>
        {
            foreach (var key in map(e.Object))
            {
                queue.Add(key);
            }

            // An update may have moved the object from one target to another: the old target must hear of it too.
            if (e.OldObject is not null)
            {
                foreach (var key in map(e.OldObject))
                {
                    queue.Add(key);
                }
            }
        }));
        return this;
    }

    /// <summary>
    /// A change to a <typeparamref name="TOther"/> reconciles the objects <paramref name="map"/> names from the change:
    /// the object and, for an update, the one before it, so a map can wake only the objects the change matters to.
    /// The map names every object to wake, those of the old object included.
    /// </summary>
    public ControllerBuilder<T> WatchesChanges<TOther>(KubeResource<TOther> other, Func<InformerEvent<TOther>, IEnumerable<ObjectKey>> map)
        where TOther : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(map);
        var informer = host.Informer(other);
        controller.AddSecondaryWatch(queue => informer.AddHandler(e =>
        {
            foreach (var key in map(e))
            {
                queue.Add(key);
            }
        }));
        return this;
    }

    /// <summary>
    /// Shares the workers fairly between partitions of the objects (for example the network each is on): at most
    /// <paramref name="limitOf"/>(partition) objects of a partition are reconciled at once. The others wait outside the
    /// workers and are queued again as soon as their partition has room. Objects <paramref name="partitionOf"/> puts in
    /// no partition (null) are not limited.
    /// </summary>
    public ControllerBuilder<T> LimitPerPartition(Func<T, string?> partitionOf, Func<string, int> limitOf)
    {
        ArgumentNullException.ThrowIfNull(partitionOf);
        ArgumentNullException.ThrowIfNull(limitOf);
        controller.LimitPerPartition(partitionOf, limitOf);
        return this;
    }

    private IEnumerable<ObjectKey> OwnerKeys(IKubernetesObject<V1ObjectMeta> child)
    {
        foreach (var owner in child.Metadata.OwnerReferences ?? [])
        {
            if (owner.Controller == true && owner.Kind == resource.Kind && GroupOf(owner.ApiVersion) == resource.Group)
            {
                yield return new ObjectKey(resource.Namespaced ? child.Metadata.NamespaceProperty ?? string.Empty : string.Empty, owner.Name);
            }
        }
    }

    private static string GroupOf(string apiVersion)
    {
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? string.Empty : apiVersion[..slash];
    }
}
