using IcOperator.Api;
using IcOperator.Api.V1Alpha1;
using IcOperator.Candid;
using IcOperator.Kube.Client;
using IcOperator.Kube.Reconciliation;
using IcOperator.Kube.Resources;
using k8s.Models;

namespace IcOperator.Audit;

/// <summary>
/// <c>spec.auditLog.deploy</c>: the log canister runs through the operator's own machinery, a WasmTemplate with
/// the built-in module and a CanisterDeployment named <c>&lt;network&gt;-audit-log</c> whose writer is the operator.
/// </summary>
internal static class AuditLogDeployment
{
    /// <summary>Marks the log's own CanisterDeployment, whose steps are not written to itself.</summary>
    public const string Label = "ic-operator.dev/audit-log";

    public const string Version = "1.0.0";

    public static string NameFor(string network) => $"{network}-audit-log";

    /// <summary>The network's log as it stands; creates the template and the deployment when they are missing.</summary>
    public static async Task<AuditLogStatus?> EnsureAsync(IKubeClient client, IcNetwork network, string? operatorPrincipal, CancellationToken cancellationToken)
    {
        if (network.Spec.AuditLog is not { } spec)
        {
            return null;
        }

        if (spec.CanisterId is { } existing)
        {
            return new AuditLogStatus { CanisterId = existing };
        }

        var @namespace = network.Metadata.NamespaceProperty ?? client.DefaultNamespace;
        var name = NameFor(network.Metadata.Name!);
        if (spec.Deploy != true || operatorPrincipal is null)
        {
            return new AuditLogStatus();
        }

        if (await client.TryGetAsync(OperatorResources.WasmTemplates, name, @namespace, cancellationToken) is null)
        {
            var template = new WasmTemplate
            {
                Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = @namespace, Labels = new Dictionary<string, string> { [Label] = "true" } },
                Spec = new WasmTemplateSpec
                {
                    Description = "The operator's ICRC-3 audit log of ICRC-121 orchestration blocks.",
                    Versions = [new WasmVersion { Version = Version, Sha256 = AuditLogModule.Sha256Hex, Source = new WasmSource { Inline = Convert.ToBase64String(AuditLogModule.Wasm) } }],
                },
            };
            OwnerReferences.SetControllerReference(OperatorResources.IcNetworks, network, template);
            await client.CreateAsync(OperatorResources.WasmTemplates, template, cancellationToken);
        }

        var deployment = await client.TryGetAsync(OperatorResources.CanisterDeployments, name, @namespace, cancellationToken);
        if (deployment is null)
        {
            deployment = new CanisterDeployment
            {
                Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = @namespace, Labels = new Dictionary<string, string> { [Label] = "true" } },
                Spec = new CanisterDeploymentSpec
                {
                    NetworkRef = new LocalObjectReference { Name = network.Metadata.Name! },
                    Template = new TemplateVersionReference { Name = name, Version = Version },
                    Install = new InstallOptions { ArgHex = Convert.ToHexStringLower(AuditLogModule.InitArgument(Principal.Parse(operatorPrincipal))) },
                    DeletionPolicy = DeletionPolicy.Retain,
                },
            };
            OwnerReferences.SetControllerReference(OperatorResources.IcNetworks, network, deployment);
            deployment = await client.CreateAsync(OperatorResources.CanisterDeployments, deployment, cancellationToken);
        }

        // The log is usable once it runs its module: blocks are appended only after the install completed.
        var installed = deployment.Status is { CanisterId: { } id, Version: Version } ? id : null;
        return new AuditLogStatus { CanisterId = installed, Deployment = name };
    }
}
