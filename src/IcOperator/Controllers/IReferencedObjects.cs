using IcOperator.Api.V1Alpha1;
using k8s.Models;

namespace IcOperator.Controllers;

/// <summary>
/// The objects a reconcile refers to by name: a deployment's IcNetwork and WasmTemplate, a network's identity
/// Secret, a package's dependencies and component deployments. The operator reads them from its informer caches; a
/// change to one wakes its referrers through a watch.
/// </summary>
internal interface IReferencedObjects
{
    ValueTask<IcNetwork?> NetworkAsync(string @namespace, string name, CancellationToken cancellationToken);

    ValueTask<WasmTemplate?> TemplateAsync(string @namespace, string name, CancellationToken cancellationToken);

    ValueTask<V1Secret?> SecretAsync(string @namespace, string name, CancellationToken cancellationToken);

    /// <summary>The PackageInstallations of a namespace (a package's dependencies are among them).</summary>
    ValueTask<IReadOnlyList<PackageInstallation>> PackagesAsync(string @namespace, CancellationToken cancellationToken);

    /// <summary>The CanisterDeployments labelled as components of the package <paramref name="package"/>.</summary>
    ValueTask<IReadOnlyList<CanisterDeployment>> ComponentDeploymentsAsync(string @namespace, string package, CancellationToken cancellationToken);
}
