using IcOperator.Kube.Informers;
using IcOperator.Kube.Resources;
using k8s;
using k8s.Models;

namespace IcOperator.Controllers;

/// <summary>Informer indexes from a referenced object (<c>namespace/name</c>) to the objects that name it in their spec.</summary>
internal static class ReferenceIndexes
{
    /// <summary>CanisterDeployments and PackageInstallations by <c>spec.networkRef.name</c>.</summary>
    public const string ByNetwork = "spec.networkRef";

    /// <summary>CanisterDeployments by <c>spec.template.name</c>; PackageInstallations by each component's template.</summary>
    public const string ByTemplate = "spec.template";

    /// <summary>IcNetworks by <c>spec.identity.secretRef.name</c>.</summary>
    public const string BySecret = "spec.identity.secretRef";

    /// <summary>CanisterDeployments by the PackageInstallation that created them (their package label).</summary>
    public const string ByPackage = "metadata.labels.package";

    /// <summary>The index value of a reference from <paramref name="referrer"/> to <paramref name="name"/> in its own namespace.</summary>
    public static string Key(IKubernetesObject<V1ObjectMeta> referrer, string name) => $"{referrer.Metadata.NamespaceProperty}/{name}";

    /// <summary>The object an index value (<see cref="Key"/>) names.</summary>
    public static ObjectKey Referenced(string key) =>
        key.Split('/', 2) is [var @namespace, var name] ? new ObjectKey(@namespace, name) : new ObjectKey(string.Empty, key);

    /// <summary>The objects in <paramref name="informer"/> whose <paramref name="index"/> names <paramref name="referenced"/>.</summary>
    public static IEnumerable<ObjectKey> Referrers<T>(IInformer<T> informer, string index, IKubernetesObject<V1ObjectMeta> referenced)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        informer.ByIndex(index, Key(referenced, referenced.Metadata.Name!)).Select(ObjectKey.Of);

    /// <summary>
    /// The referrers a change to a referenced object matters to: all of them when it appears or goes, and on an update
    /// those for which <paramref name="matters"/> says the change from the old object to the new one is news.
    /// </summary>
    public static IEnumerable<ObjectKey> ReferrersConcerned<T, TReferenced>(IInformer<T> informer, string index, InformerEvent<TReferenced> change, Func<TReferenced, TReferenced, T, bool> matters)
        where T : class, IKubernetesObject<V1ObjectMeta>
        where TReferenced : class, IKubernetesObject<V1ObjectMeta> =>
        informer.ByIndex(index, Key(change.Object, change.Object.Metadata.Name!))
            .Where(referrer => change.OldObject is not { } before || matters(before, change.Object, referrer))
            .Select(ObjectKey.Of);
}
