using IcOperator.Api;
using IcOperator.Api.V1Alpha1;
using IcOperator.Kube.Client;
using IcOperator.Kube.Events;
using IcOperator.Kube.Reconciliation;
using IcOperator.Kube.Resources;
using IcOperator.Observability;
using IcOperator.Orchestration;
using IcOperator.Wasm;
using k8s.Models;
using Microsoft.Extensions.Logging;
using R = IcOperator.Api.V1Alpha1.WasmTemplateReasons;

namespace IcOperator.Controllers;

/// <summary>
/// Reconciles WasmTemplates: every listed version is fetched, verified against its sha256, parsed, and
/// reported; the full candid:service text of each version goes to a ConfigMap the template owns.
/// </summary>
internal sealed class WasmTemplateController(
    IKubeClient client,
    VerifiedModuleStore modules,
    IEventRecorder events,
    OperatorMetrics metrics,
    TimeProvider clock,
    ILogger<WasmTemplateController> logger) : IReconciler<WasmTemplate>
{
    public const string ControllerName = "wasmtemplate";

    /// <summary>How soon a version whose source could not be read is tried again.</summary>
    public static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(30);

    public async Task<ReconcileResult> ReconcileAsync(WasmTemplate template, CancellationToken cancellationToken)
    {
        var @namespace = template.Metadata.NamespaceProperty ?? client.DefaultNamespace;
        var name = template.Metadata.Name!;
        var previous = template.Status ?? new WasmTemplateStatus();
        var versions = new List<WasmVersionStatus>();
        var retry = false;
        foreach (var version in template.Spec.Versions)
        {
            var known = previous.Versions.FirstOrDefault(v => v.Version == version.Version);
            if (known is { Phase: WasmVersionPhase.Verified } && known.Sha256 == version.Sha256)
            {
                versions.Add(known);
                continue;
            }

            if (known is { Phase: WasmVersionPhase.Failed } && known.Sha256 == version.Sha256 && previous.ObservedGeneration == template.Metadata.Generation && IsTerminal(known))
            {
                // A hash mismatch or a non-Wasm module fails the same way again: wait for the spec to change.
                versions.Add(known);
                continue;
            }

            try
            {
                var module = await modules.VerifyAsync(@namespace, name, version, cancellationToken);
                LocalObjectReference? candidRef = null;
                if (module.Section(WasmMetadataReader.CandidService) is { } candid)
                {
                    candidRef = await WriteCandidConfigMapAsync(template, version.Version, candid.Text, cancellationToken);
                }

                versions.Add(WasmVersionReport.Verified(version.Version, module, candidRef));
                events.Record(template, EventTypes.Normal, "Verified", "Verify", $"Version {version.Version} verified: {module.Size} bytes, sha256 {module.Sha256}.");
            }
            catch (WasmException e)
            {
                retry |= !e.Terminal;
                versions.Add(WasmVersionReport.Failed(version.Version, e) with { Sha256 = version.Sha256, Message = $"{e.Reason}: {e.Message}" });
                events.Record(template, EventTypes.Warning, e.Reason, "Verify", e.Message);
                logger.LogWarning("WasmTemplate {Namespace}/{Name} version {Version} is not usable: {Reason}: {Problem}", @namespace, name, version.Version, e.Reason, e.Message);
            }
        }

        var status = Summarise(template, previous, versions);
        foreach (var phase in Enum.GetValues<WasmVersionPhase>())
        {
            metrics.TemplateVersions.WithLabels(@namespace, name, phase.ToString()).Set(versions.Count(v => v.Phase == phase));
        }

        await StatusPatch.WriteAsync(client, OperatorResources.WasmTemplates, name, @namespace, template.Status, status, OperatorJsonContext.Default.WasmTemplateStatus, cancellationToken);
        return retry ? ReconcileResult.RequeueAfter(RetryInterval) : ReconcileResult.Done();
    }

    public Task DeletedAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        foreach (var phase in Enum.GetValues<WasmVersionPhase>())
        {
            metrics.TemplateVersions.RemoveLabelled(key.Namespace, key.Name, phase.ToString());
        }

        return Task.CompletedTask;
    }

    /// <summary>The name of the ConfigMap holding a version's candid:service text.</summary>
    public static string CandidConfigMapName(string template, string version) =>
        $"{template}-{version.Replace('+', '-').ToLowerInvariant()}-candid";

    private static bool IsTerminal(WasmVersionStatus status) =>
        status.Message is { } message && (message.StartsWith(R.HashMismatch, StringComparison.Ordinal) || message.StartsWith(R.NotWasm, StringComparison.Ordinal) || message.StartsWith(R.TooLarge, StringComparison.Ordinal));

    private WasmTemplateStatus Summarise(WasmTemplate template, WasmTemplateStatus previous, List<WasmVersionStatus> versions)
    {
        var generation = template.Metadata.Generation ?? 0;
        var failed = versions.Where(v => v.Phase == WasmVersionPhase.Failed).ToList();
        var terminal = failed.Where(IsTerminal).ToList();
        var verified = versions.Where(v => v.Phase == WasmVersionPhase.Verified).ToList();
        var ready = failed.Count == 0 && verified.Count == versions.Count;
        var (reason, message) = ready
            ? (R.AllVersionsVerified, $"All {versions.Count} version(s) are verified.")
            : failed.Count > 0
                ? (ReasonOf(failed[0]), $"Version {failed[0].Version}: {failed[0].Message}")
                : (R.Fetching, "Fetching and verifying versions.");
        return new WasmTemplateStatus
        {
            ObservedGeneration = generation,
            LastHandledReconcileAt = template.Metadata.Annotations.ValueOrDefault(Annotations.ReconcileRequestedAt) ?? previous.LastHandledReconcileAt,
            Versions = versions,
            LatestVersion = SemanticVersion.Highest(verified.Select(v => v.Version)),
            Conditions = Conditions.Summarise(previous.Conditions, ready, reconciling: !ready && terminal.Count == 0, stalled: terminal.Count > 0, reason, message, generation, clock.GetUtcNow()),
        };
    }

    private static string ReasonOf(WasmVersionStatus failed) => failed.Message?.Split(':')[0] ?? R.FetchFailed;

    private async Task<LocalObjectReference> WriteCandidConfigMapAsync(WasmTemplate template, string version, string candid, CancellationToken cancellationToken)
    {
        var @namespace = template.Metadata.NamespaceProperty ?? client.DefaultNamespace;
        var name = CandidConfigMapName(template.Metadata.Name!, version);
        var configMap = new V1ConfigMap
        {
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = @namespace,
                Labels = new Dictionary<string, string> { ["app.kubernetes.io/managed-by"] = "ic-operator" },
                Annotations = new Dictionary<string, string> { [Annotations.TemplateVersion] = version },
            },
            Data = new Dictionary<string, string> { ["candid.did"] = candid },
        };
        OwnerReferences.SetControllerReference(OperatorResources.WasmTemplates, template, configMap);
        var existing = await client.TryGetAsync(CoreResources.ConfigMaps, name, @namespace, cancellationToken);
        if (existing is null)
        {
            await client.CreateAsync(CoreResources.ConfigMaps, configMap, cancellationToken);
        }
        else if (existing.Data.ValueOrDefault("candid.did") != candid)
        {
            configMap.Metadata.ResourceVersion = existing.Metadata.ResourceVersion;
            await client.ReplaceAsync(CoreResources.ConfigMaps, configMap, cancellationToken);
        }

        return new LocalObjectReference { Name = name };
    }
}
