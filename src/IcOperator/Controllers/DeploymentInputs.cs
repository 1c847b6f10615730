using IcOperator.Api.V1Alpha1;
using IcOperator.Orchestration;

namespace IcOperator.Controllers;

/// <summary>
/// What a CanisterDeployment uses of its IcNetwork and WasmTemplate. The deployment controller compares it to tell a
/// reconcile with nothing new from one that must read the canister, and the watches compare it between the old and
/// the new network or template to wake only the deployments a change matters to: one definition for both.
/// </summary>
internal static class DeploymentInputs
{
    /// <summary>
    /// What a deployment on <paramref name="subnet"/> uses of its network: its identity and spec, readiness (and why
    /// not), trusted key, principal, audit log canister, and the chunk store of its subnet (every store while the
    /// subnet is unknown). The network's other status (versions a store holds, the audit log's last block, another
    /// subnet's store) changes often and matters to none of the deployments.
    /// </summary>
    public static string? Network(IcNetwork? network, string? subnet)
    {
        if (network is null)
        {
            return null;
        }

        var ready = Conditions.Find(network.Status?.Conditions, ConditionTypes.Ready);
        var stores = (network.Status?.ChunkStores ?? [])
            .Where(s => subnet is null || string.IsNullOrEmpty(s.Subnet) || s.Subnet == subnet)
            .Select(s => $"{s.Subnet}={s.CanisterId}={s.Message is null}");
        return string.Join(
            '/',
            network.Metadata.Uid,
            network.Metadata.Generation,
            ready?.Status,

            // A network that is not Ready tells its deployments why, so a new reason is news to them.
            ready?.Status == ConditionStatus.True ? null : ready?.Message,
            network.Status?.RootKeyFingerprint,
            network.Status?.Principal,
            network.Status?.AuditLog?.CanisterId,
            string.Join(',', stores));
    }

    /// <summary>The deployment's template version as its template declares it, and whether that version is verified.</summary>
    public static (TemplateAvailability Availability, WasmVersion? Version) Template(WasmTemplate? template, TemplateVersionReference reference)
    {
        if (template is null)
        {
            return (TemplateAvailability.TemplateNotFound, null);
        }

        var version = template.Spec.Versions.FirstOrDefault(v => v.Version == reference.Version);
        if (version is null)
        {
            return (TemplateAvailability.VersionMissing, null);
        }

        var verified = template.Status?.Versions.Any(v => v.Version == version.Version && v.Phase == WasmVersionPhase.Verified && v.Sha256 == version.Sha256) == true;
        return (verified ? TemplateAvailability.Verified : TemplateAvailability.NotVerified, version);
    }

    /// <summary>Whether the network's change from <paramref name="before"/> to <paramref name="after"/> changes what <paramref name="deployment"/> uses of it.</summary>
    public static bool NetworkChangeMatters(IcNetwork before, IcNetwork after, CanisterDeployment deployment) =>
        Network(before, deployment.Status?.Subnet) != Network(after, deployment.Status?.Subnet);

    /// <summary>
    /// Whether the template's change matters to <paramref name="deployment"/>: any spec change (an upgrade's interface
    /// check reads the running version's entry too), or a change of its own version's verification.
    /// </summary>
    public static bool TemplateChangeMatters(WasmTemplate before, WasmTemplate after, CanisterDeployment deployment) =>
        before.Metadata.Uid != after.Metadata.Uid
        || before.Metadata.Generation != after.Metadata.Generation
        || Verified(before, deployment) != Verified(after, deployment);

    private static (TemplateAvailability, string?) Verified(WasmTemplate template, CanisterDeployment deployment) =>
        Template(template, deployment.Spec.Template) is var (availability, version) ? (availability, version?.Sha256) : default;
}
