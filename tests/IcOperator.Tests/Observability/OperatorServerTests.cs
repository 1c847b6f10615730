using IcOperator.Controllers;

namespace IcOperator.Tests.Observability;

public sealed class OperatorServerTests
{
    [Fact]
    public async Task The_running_operator_serves_its_runtime_and_rest_client_metrics_on_metrics()
    {
        await using var running = await RunningOperator.StartAsync();

        var text = await running.ScrapeWhenReadyAsync();

        // The informers listed every kind through the client, which reports into the served registry.
        text.Should().MatchRegex("""rest_client_requests_total\{code="200",method="GET",host="127\.0\.0\.1:\d+"\} [1-9]""");
        text.Should().Contain($"controller_runtime_max_concurrent_reconciles{{controller=\"canisterdeployment\"}} {OperatorControllers.ReconcilesFor([])}\n", "with no IcNetwork yet, auto allows its least");
        text.Should().Contain("controller_runtime_active_workers{controller=\"wasmtemplate\"} 0\n");
        text.Should().Contain("workqueue_depth{name=\"icnetwork\"} 0\n");
        text.Should().Contain("# TYPE ic_operator_canister_phase gauge\n");
    }
}
