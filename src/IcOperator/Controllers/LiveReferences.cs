using IcOperator.Api;
using IcOperator.Api.V1Alpha1;
using IcOperator.Kube.Client;
using IcOperator.Kube.Resources;
using k8s.Models;

namespace IcOperator.Controllers;

/// <summary>Referenced objects read with a GET each: for a reconciler driven one call at a time, without a controller host.</summary>
internal sealed class LiveReferences(IKubeClient client) : IReferencedObjects
{
    public async ValueTask<IcNetwork?> NetworkAsync(string @namespace, string name, CancellationToken cancellationToken) =>
        await client.TryGetAsync(OperatorResources.IcNetworks, name, @namespace, cancellationToken);

    public async ValueTask<WasmTemplate?> TemplateAsync(string @namespace, string name, CancellationToken cancellationToken) =>
        await client.TryGetAsync(OperatorResources.WasmTemplates, name, @namespace, cancellationToken);

    public async ValueTask<V1Secret?> SecretAsync(string @namespace, string name, CancellationToken cancellationToken) =>
        await client.TryGetAsync(CoreResources.Secrets, name, @namespace, cancellationToken);

    public async ValueTask<IReadOnlyList<PackageInstallation>> PackagesAsync(string @namespace, CancellationToken cancellationToken) =>
        (await client.ListAllAsync(OperatorResources.PackageInstallations, @namespace, cancellationToken: cancellationToken)).Items;

    public async ValueTask<IReadOnlyList<CanisterDeployment>> ComponentDeploymentsAsync(string @namespace, string package, CancellationToken cancellationToken) =>
        (await client.ListAllAsync(OperatorResources.CanisterDeployments, @namespace, new ListOptions { LabelSelector = $"{Annotations.PackageLabel}={package}" }, cancellationToken)).Items;
}
