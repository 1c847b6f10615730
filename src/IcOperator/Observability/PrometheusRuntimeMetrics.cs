using IcOperator.Kube.Instrumentation;
using IcOperator.Kube.Reconciliation;
using Prometheus;

namespace IcOperator.Observability;

/// <summary>
/// The Kubernetes runtime's reports as the controller-runtime and client-go metric families, under the names
/// dashboards already use, in the operator's registry.
/// </summary>
internal sealed class PrometheusRuntimeMetrics : IRuntimeMetrics
{
    private static readonly double[] ReconcileTimeBuckets =
        [0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5, 6, 7, 8, 9, 10, 15, 20, 25, 30, 40, 50, 60];

    // client-go's workqueue buckets: 10 ns to 10 s.
    private static readonly double[] QueueBuckets = Histogram.ExponentialBuckets(1e-8, 10, 10);

    private readonly Counter reconcileTotal;
    private readonly Counter reconcileErrors;
    private readonly Counter terminalReconcileErrors;
    private readonly Histogram reconcileTime;
    private readonly Gauge maxConcurrentReconciles;
    private readonly Gauge activeWorkers;
    private readonly Gauge queueDepth;
    private readonly Counter queueAdds;
    private readonly Histogram queueDuration;
    private readonly Histogram workDuration;
    private readonly Counter queueRetries;
    private readonly Gauge leaderStatus;

    public PrometheusRuntimeMetrics(CollectorRegistry registry)
    {
        var factory = Metrics.WithCustomRegistry(registry);
        reconcileTotal = factory.CreateCounter("controller_runtime_reconcile_total", "Total number of reconciliations per controller", "controller", "result");
        reconcileErrors = factory.CreateCounter("controller_runtime_reconcile_errors_total", "Total number of reconciliation errors per controller", "controller");
        terminalReconcileErrors = factory.CreateCounter("controller_runtime_terminal_reconcile_errors_total", "Total number of terminal reconciliation errors per controller", "controller");
        reconcileTime = factory.CreateHistogram("controller_runtime_reconcile_time_seconds", "Length of time per reconciliation per controller", ["controller"], new HistogramConfiguration { Buckets = ReconcileTimeBuckets });
        maxConcurrentReconciles = factory.CreateGauge("controller_runtime_max_concurrent_reconciles", "Maximum number of concurrent reconciles per controller", "controller");
        activeWorkers = factory.CreateGauge("controller_runtime_active_workers", "Number of currently used workers per controller", "controller");
        queueDepth = factory.CreateGauge("workqueue_depth", "Current depth of workqueue", "name");
        queueAdds = factory.CreateCounter("workqueue_adds_total", "Total number of adds handled by workqueue", "name");
        queueDuration = factory.CreateHistogram("workqueue_queue_duration_seconds", "How long in seconds an item stays in workqueue before being requested", ["name"], new HistogramConfiguration { Buckets = QueueBuckets });
        workDuration = factory.CreateHistogram("workqueue_work_duration_seconds", "How long in seconds processing an item from workqueue takes", ["name"], new HistogramConfiguration { Buckets = QueueBuckets });
        queueRetries = factory.CreateCounter("workqueue_retries_total", "Total number of retries handled by workqueue", "name");
        leaderStatus = factory.CreateGauge("leader_election_master_status", "Gauge of if the reporting system is master of the relevant lease, 0 indicates backup, 1 indicates master", "name");
        RestClient = new RestClientMetrics(factory.CreateCounter("rest_client_requests_total", "Number of HTTP requests, partitioned by status code, method, and host", "code", "method", "host"));
    }

    public IRestClientMetrics RestClient { get; }

    public IWorkQueueMetrics WorkQueue(string name) => new WorkQueueMetrics(
        queueDepth.WithLabels(name), queueAdds.WithLabels(name), queueDuration.WithLabels(name), workDuration.WithLabels(name), queueRetries.WithLabels(name));

    public IControllerMetrics Controller(string name) => new ControllerMetrics(
        name, reconcileTotal, reconcileErrors.WithLabels(name), terminalReconcileErrors.WithLabels(name), reconcileTime.WithLabels(name), maxConcurrentReconciles.WithLabels(name), activeWorkers.WithLabels(name));

    public ILeaderElectionMetrics LeaderElection(string leaseName) => new LeaderElectionMetrics(leaderStatus.WithLabels(leaseName));

    private sealed class RestClientMetrics(Counter requests) : IRestClientMetrics
    {
        public void RequestCompleted(string code, string method, string host) => requests.WithLabels(code, method, host).Inc();
    }

    private sealed class WorkQueueMetrics(IGauge depth, ICounter adds, IHistogram queued, IHistogram worked, ICounter retries) : IWorkQueueMetrics
    {
        public void Added() => adds.Inc();

        public void DepthChanged(int value) => depth.Set(value);

        public void Waited(TimeSpan duration) => queued.Observe(duration.TotalSeconds);

        public void Worked(TimeSpan duration) => worked.Observe(duration.TotalSeconds);

        public void Retried() => retries.Inc();
    }

    private sealed class ControllerMetrics(string name, Counter total, ICounter errors, ICounter terminalErrors, IHistogram time, IGauge maxWorkers, IGauge activeWorkers) : IControllerMetrics
    {
        // The limit can change while workers are busy (resized from the networks' limits), so it leaves the busy count alone.
        public void WorkersConfigured(int maxConcurrentReconciles) => maxWorkers.Set(maxConcurrentReconciles);

        public void WorkerBusy() => activeWorkers.Inc();

        public void WorkerIdle() => activeWorkers.Dec();

        public void Reconciled(ReconcileOutcome outcome, TimeSpan duration)
        {
            time.Observe(duration.TotalSeconds);
            total.WithLabels(name, ResultLabel(outcome)).Inc();
            if (outcome is ReconcileOutcome.Error or ReconcileOutcome.Terminal)
            {
                errors.Inc();
            }

            if (outcome is ReconcileOutcome.Terminal)
            {
                terminalErrors.Inc();
            }
        }

        // controller-runtime's result label values.
        private static string ResultLabel(ReconcileOutcome outcome) => outcome switch
        {
            ReconcileOutcome.Done => "success",
            ReconcileOutcome.RequeueAfter => "requeue_after",
            _ => "error",
        };
    }

    private sealed class LeaderElectionMetrics(IGauge status) : ILeaderElectionMetrics
    {
        public void Leading(bool leading) => status.Set(leading ? 1 : 0);
    }
}
