using IcOperator.Kube.Queue;
using IcOperator.Kube.Reconciliation;
using IcOperator.Observability;
using Prometheus;

namespace IcOperator.Tests.Observability;

public sealed class PrometheusRuntimeMetricsTests
{
    [Fact]
    public async Task A_work_queue_is_scraped_under_the_client_go_names()
    {
        var registry = Metrics.NewCustomRegistry();
        // A retry waits an hour, so "c" stays out of the queue for the whole test.
        var backoff = new ExponentialFailureRateLimiter<string>(TimeSpan.FromHours(1), TimeSpan.FromHours(1));
        using var queue = new WorkQueue<string>("widget", backoff, metrics: new PrometheusRuntimeMetrics(registry));
        queue.Add("a");
        queue.Add("b");
        queue.Add("a");
        queue.AddRateLimited("c");
        var (item, _) = await queue.GetAsync();
        queue.Done(item);

        var text = await Scrape.TextAsync(registry);
        text.Should().Contain("workqueue_adds_total{name=\"widget\"} 2\n");
        text.Should().Contain("workqueue_depth{name=\"widget\"} 1\n");
        text.Should().Contain("workqueue_retries_total{name=\"widget\"} 1\n");
        text.Should().Contain("workqueue_queue_duration_seconds_count{name=\"widget\"} 1\n");
        text.Should().Contain("workqueue_work_duration_seconds_count{name=\"widget\"} 1\n");
        text.Should().Contain("workqueue_queue_duration_seconds_bucket{name=\"widget\",le=\"1e-08\"} 0\n");
    }

    [Fact]
    public async Task Reconcile_outcomes_are_scraped_with_the_controller_runtime_result_labels()
    {
        var registry = Metrics.NewCustomRegistry();
        var controller = new PrometheusRuntimeMetrics(registry).Controller("widget");
        controller.WorkersConfigured(4);
        controller.WorkerBusy();
        controller.Reconciled(ReconcileOutcome.Done, TimeSpan.FromMilliseconds(30));
        controller.Reconciled(ReconcileOutcome.RequeueAfter, TimeSpan.FromMilliseconds(30));
        controller.Reconciled(ReconcileOutcome.Error, TimeSpan.FromSeconds(2));
        controller.Reconciled(ReconcileOutcome.Terminal, TimeSpan.FromSeconds(2));

        var text = await Scrape.TextAsync(registry);
        text.Should().Contain("controller_runtime_reconcile_total{controller=\"widget\",result=\"success\"} 1\n");
        text.Should().Contain("controller_runtime_reconcile_total{controller=\"widget\",result=\"requeue_after\"} 1\n");
        text.Should().Contain("controller_runtime_reconcile_total{controller=\"widget\",result=\"error\"} 2\n");
        text.Should().Contain("controller_runtime_reconcile_errors_total{controller=\"widget\"} 2\n");
        text.Should().Contain("controller_runtime_terminal_reconcile_errors_total{controller=\"widget\"} 1\n");
        text.Should().Contain("controller_runtime_reconcile_time_seconds_bucket{controller=\"widget\",le=\"0.05\"} 2\n");
        text.Should().Contain("controller_runtime_reconcile_time_seconds_count{controller=\"widget\"} 4\n");
        text.Should().Contain("controller_runtime_max_concurrent_reconciles{controller=\"widget\"} 4\n");
        text.Should().Contain("controller_runtime_active_workers{controller=\"widget\"} 1\n");
    }

    [Fact]
    public async Task A_limit_changed_while_workers_are_busy_keeps_the_busy_count()
    {
        var registry = Metrics.NewCustomRegistry();
        var controller = new PrometheusRuntimeMetrics(registry).Controller("widget");
        controller.WorkersConfigured(8);
        (await Scrape.TextAsync(registry)).Should().Contain("controller_runtime_active_workers{controller=\"widget\"} 0\n");
        controller.WorkerBusy();
        controller.WorkerBusy();

        controller.WorkersConfigured(16);
        controller.WorkerIdle();

        var text = await Scrape.TextAsync(registry);
        text.Should().Contain("controller_runtime_max_concurrent_reconciles{controller=\"widget\"} 16\n");
        text.Should().Contain("controller_runtime_active_workers{controller=\"widget\"} 1\n", "one of the two workers is still busy");
    }

    [Fact]
    public async Task Leadership_and_rest_requests_are_scraped_under_the_client_go_names()
    {
        var registry = Metrics.NewCustomRegistry();
        var runtime = new PrometheusRuntimeMetrics(registry);
        var lease = runtime.LeaderElection("ic-operator-leader");
        lease.Leading(false);
        (await Scrape.TextAsync(registry)).Should().Contain("leader_election_master_status{name=\"ic-operator-leader\"} 0\n");
        lease.Leading(true);
        runtime.RestClient.RequestCompleted("200", "GET", "kube.test:6443");
        runtime.RestClient.RequestCompleted("200", "GET", "kube.test:6443");
        runtime.RestClient.RequestCompleted("<error>", "PATCH", "kube.test:6443");

        var text = await Scrape.TextAsync(registry);
        text.Should().Contain("leader_election_master_status{name=\"ic-operator-leader\"} 1\n");
        text.Should().Contain("rest_client_requests_total{code=\"200\",method=\"GET\",host=\"kube.test:6443\"} 2\n");
        text.Should().Contain("rest_client_requests_total{code=\"<error>\",method=\"PATCH\",host=\"kube.test:6443\"} 1\n");
    }

    [Fact]
    public async Task Runtime_and_operator_metrics_share_one_registry_without_clashing()
    {
        var registry = Metrics.NewCustomRegistry();
        var first = new PrometheusRuntimeMetrics(registry);
        var second = new PrometheusRuntimeMetrics(registry);
        _ = new OperatorMetrics(registry);
        first.RestClient.RequestCompleted("201", "POST", "kube");
        second.RestClient.RequestCompleted("201", "POST", "kube");

        var text = await Scrape.TextAsync(registry);
        text.Should().Contain("rest_client_requests_total{code=\"201\",method=\"POST\",host=\"kube\"} 2\n", "both views write to the same family");
        text.Should().NotContain("process_", "a custom registry carries no default process metrics");
    }
}
