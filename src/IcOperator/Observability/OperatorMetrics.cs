using System.Collections.Concurrent;
using System.Globalization;
using IcOperator.Api.V1Alpha1;
using Prometheus;

namespace IcOperator.Observability;

/// <summary>The operator's own <c>ic_operator_*</c> metrics, next to the controller-runtime ones in the same registry.</summary>
internal sealed class OperatorMetrics
{
    private readonly ConcurrentDictionary<(string Namespace, string Name), string[]> versionLabels = new();
    private readonly ConcurrentDictionary<(string Namespace, string Name), CanisterPhase> phases = new();

    public OperatorMetrics(CollectorRegistry registry)
    {
        Registry = registry;
        var factory = Metrics.WithCustomRegistry(registry);
        CanisterCycles = factory.CreateGauge("ic_operator_canister_cycles", "Cycles balance of the canister, as read from canister_status.", "namespace", "name", "canister");
        CanisterMemory = factory.CreateGauge("ic_operator_canister_memory_bytes", "Memory size of the canister in bytes, as read from canister_status.", "namespace", "name", "canister");
        CanisterPhase = factory.CreateGauge("ic_operator_canister_phase", "1 for the phase the CanisterDeployment is in, 0 for the phases it was in before.", "namespace", "name", "phase");
        CanisterVersion = factory.CreateGauge("ic_operator_canister_version_info", "The template version and module hash the canister runs (value 1).", "namespace", "name", "canister", "version", "module_hash");
        Upgrades = factory.CreateCounter("ic_operator_upgrades_total", "Installs and upgrades by result (Succeeded, RolledBack, Failed).", "namespace", "result");
        Rollbacks = factory.CreateCounter("ic_operator_rollbacks_total", "Rollbacks to a snapshot by result (RolledBack, Failed).", "namespace", "result");
        ChunkBytesUploaded = factory.CreateCounter("ic_operator_chunk_bytes_uploaded_total", "Bytes of Wasm uploaded to chunk stores.");
        IcCallDuration = factory.CreateHistogram("ic_operator_ic_call_duration_seconds", "Latency of calls to the IC by method and result.", ["method", "result"], new HistogramConfiguration { Buckets = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60] });
        AuditBlocks = factory.CreateCounter("ic_operator_audit_blocks_total", "Blocks appended to ICRC-3 audit logs, by ICRC-121 block type.", "btype");
        TemplateVersions = factory.CreateGauge("ic_operator_template_versions", "Versions of a WasmTemplate by phase.", "namespace", "name", "phase");
    }

    public CollectorRegistry Registry { get; }

    public Gauge CanisterCycles { get; }

    public Gauge CanisterMemory { get; }

    public Gauge CanisterPhase { get; }

    public Gauge CanisterVersion { get; }

    public Counter Upgrades { get; }

    public Counter Rollbacks { get; }

    public Counter ChunkBytesUploaded { get; }

    public Counter AuditBlocks { get; }

    public Histogram IcCallDuration { get; }

    public Gauge TemplateVersions { get; }

    /// <summary>Sets a deployment's gauges from its status, replacing what was recorded for it before.</summary>
    public void RecordDeployment(string @namespace, string name, CanisterDeploymentStatus status)
    {
        // A series per phase the deployment has been in, not one per phase it could be in: at 1,000 deployments the
        // eleven pre-created series were most of the operator's metric memory. Alerts compare with 1, so they hold.
        if (phases.TryGetValue((@namespace, name), out var previousPhase) && previousPhase != status.Phase)
        {
            CanisterPhase.WithLabels(@namespace, name, previousPhase.ToString()).Set(0);
        }

        if (status.Phase is { } phase)
        {
            phases[(@namespace, name)] = phase;
            CanisterPhase.WithLabels(@namespace, name, phase.ToString()).Set(1);
        }
        else
        {
            phases.TryRemove((@namespace, name), out _);
        }

        if (status.CanisterId is not { Length: > 0 } canister)
        {
            return;
        }

        if (double.TryParse(status.Cycles, NumberStyles.None, CultureInfo.InvariantCulture, out var cycles))
        {
            CanisterCycles.WithLabels(@namespace, name, canister).Set(cycles);
        }

        if (double.TryParse(status.MemorySize, NumberStyles.None, CultureInfo.InvariantCulture, out var memory))
        {
            CanisterMemory.WithLabels(@namespace, name, canister).Set(memory);
        }

        string[] labels = [@namespace, name, canister, status.Version ?? string.Empty, status.ModuleHash ?? string.Empty];
        // One reconcile runs per resource at a time, so read-then-replace cannot race for the same key.
        if (versionLabels.TryGetValue((@namespace, name), out var previous) && !previous.SequenceEqual(labels))
        {
            CanisterVersion.RemoveLabelled(previous);
        }

        versionLabels[(@namespace, name)] = labels;

        CanisterVersion.WithLabels(labels).Set(1);
    }

    /// <summary>Removes every series of a deleted deployment, so dashboards do not show it forever.</summary>
    public void ForgetDeployment(string @namespace, string name, string? canister)
    {
        phases.TryRemove((@namespace, name), out _);
        foreach (var phase in Enum.GetValues<CanisterPhase>())
        {
            CanisterPhase.RemoveLabelled(@namespace, name, phase.ToString());
        }

        if (canister is not null)
        {
            CanisterCycles.RemoveLabelled(@namespace, name, canister);
            CanisterMemory.RemoveLabelled(@namespace, name, canister);
        }

        if (versionLabels.TryRemove((@namespace, name), out var labels))
        {
            CanisterVersion.RemoveLabelled(labels);
        }
    }

    /// <summary>Records how long one IC call took and how it ended (replied, rejected, error).</summary>
    public void ObserveIcCall(string method, string result, TimeSpan duration) =>
        IcCallDuration.WithLabels(method, result).Observe(duration.TotalSeconds);
}
