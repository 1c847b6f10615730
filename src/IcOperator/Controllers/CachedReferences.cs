using IcOperator.Api.V1Alpha1;
using IcOperator.Kube.Informers;
using IcOperator.Kube.Resources;
using k8s.Models;

namespace IcOperator.Controllers;

/// <summary>Referenced objects read from the controller host's informers: no API request per reconcile.</summary>
internal sealed class CachedReferences(
    IInformer<IcNetwork> networks,
    IInformer<WasmTemplate> templates,
    IInformer<V1Secret> secrets,
    IInformer<PackageInstallation> packages,
    IInformer<CanisterDeployment> deployments) : IReferencedObjects
{
    public ValueTask<IcNetwork?> NetworkAsync(string @namespace, string name, CancellationToken cancellationToken) =>
        ValueTask.FromResult(networks.Get(new ObjectKey(@namespace, name)));

    public ValueTask<WasmTemplate?> TemplateAsync(string @namespace, string name, CancellationToken cancellationToken) =>
        ValueTask.FromResult(templates.Get(new ObjectKey(@namespace, name)));

    public ValueTask<V1Secret?> SecretAsync(string @namespace, string name, CancellationToken cancellationToken) =>
        ValueTask.FromResult(secrets.Get(new ObjectKey(@namespace, name)));

    public ValueTask<IReadOnlyList<PackageInstallation>> PackagesAsync(string @namespace, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<PackageInstallation>>([.. packages.List().Where(p => p.Metadata.NamespaceProperty == @namespace)]);

    public ValueTask<IReadOnlyList<CanisterDeployment>> ComponentDeploymentsAsync(string @namespace, string package, CancellationToken cancellationToken) =>
        ValueTask.FromResult(deployments.ByIndex(ReferenceIndexes.ByPackage, $"{@namespace}/{package}"));
}
