using System.Runtime.CompilerServices;

namespace IcOperator.Kube.Metrics;

/// <summary>The controller-runtime and client-go metric families, under the names dashboards already use.</summary>
internal sealed class RuntimeMetrics
{
    private static readonly ConditionalWeakTable<MetricRegistry, RuntimeMetrics> PerRegistry = [];

    private RuntimeMetrics(MetricRegistry registry)
    {
        ReconcileTotal = registry.Counter("controller_runtime_reconcile_total", "Total number of reconciliations per controller", "controller", "result");
        ReconcileErrors = registry.Counter("controller_runtime_reconcile_errors_total", "Total number of reconciliation errors per controller", "controller");
        TerminalReconcileErrors = registry.Counter("controller_runtime_terminal_reconcile_errors_total", "Total number of terminal reconciliation errors per controller", "controller");
        ReconcileTime = registry.Histogram(
            "controller_runtime_reconcile_time_seconds",
            "Length of time per reconciliation per controller",
            [0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5, 6, 7, 8, 9, 10, 15, 20, 25, 30, 40, 50, 60],
            "controller");
        MaxConcurrentReconciles = registry.Gauge("controller_runtime_max_concurrent_reconciles", "Maximum number of concurrent reconciles per controller", "controller");
        ActiveWorkers = registry.Gauge("controller_runtime_active_workers", "Number of currently used workers per controller", "controller");
        QueueDepth = registry.Gauge("workqueue_depth", "Current depth of workqueue", "name");
        QueueAdds = registry.Counter("workqueue_adds_total", "Total number of adds handled by workqueue", "name");
        QueueLatency = registry.Histogram("workqueue_queue_duration_seconds", "How long in seconds an item stays in workqueue before being requested", Histogram.ExponentialBuckets(1e-8, 10, 10), "name");
        WorkDuration = registry.Histogram("workqueue_work_duration_seconds", "How long in seconds processing an item from workqueue takes", Histogram.ExponentialBuckets(1e-8, 10, 10), "name");
        Retries = registry.Counter("workqueue_retries_total", "Total number of retries handled by workqueue", "name");
        RestRequests = registry.Counter("rest_client_requests_total", "Number of HTTP requests, partitioned by status code, method, and host", "code", "method", "host");
        LeaderStatus = registry.Gauge("leader_election_master_status", "Gauge of if the reporting system is master of the relevant lease, 0 indicates backup, 1 indicates master", "name");
    }

    public Counter ReconcileTotal { get; }

    public Counter ReconcileErrors { get; }

    public Counter TerminalReconcileErrors { get; }

    public Histogram ReconcileTime { get; }

    public Gauge MaxConcurrentReconciles { get; }

    public Gauge ActiveWorkers { get; }

    public Gauge QueueDepth { get; }

    public Counter QueueAdds { get; }

    public Histogram QueueLatency { get; }

    public Histogram WorkDuration { get; }

    public Counter Retries { get; }

    public Counter RestRequests { get; }

    public Gauge LeaderStatus { get; }

    public static RuntimeMetrics For(MetricRegistry registry) => PerRegistry.GetValue(registry, r => new RuntimeMetrics(r));
}
