using System.Diagnostics;
using IcOperator.Kube.Metrics;
using IcOperator.Kube.Queue;
using IcOperator.Kube.Resources;
using IcOperator.Testing;

namespace IcOperator.Kube.Tests.Metrics;

public sealed class TextExpositionTests
{
    [Fact]
    public void Counter_gauge_and_histogram_are_written_in_the_0_0_4_text_format()
    {
        var registry = new MetricRegistry();
        var upgrades = registry.Counter("ic_operator_upgrades_total", "Upgrades by result.", "result");
        upgrades.WithLabels("succeeded").Inc();
        upgrades.WithLabels("succeeded").Inc(2);
        upgrades.WithLabels("rolled_back").Inc();
        registry.Gauge("ic_operator_canister_cycles", "Cycles balance.", "canister").WithLabels("ryjl3-tyaaa-aaaaa-aaaba-cai").Set(1.5e12);
        var latency = registry.Histogram("ic_operator_call_seconds", "IC call latency.", [0.1, 1], "method");
        latency.WithLabels("install_code").Observe(0.05);
        latency.WithLabels("install_code").Observe(0.5);
        latency.WithLabels("install_code").Observe(3);

        registry.Export().Should().Be(
            """
            # HELP ic_operator_call_seconds IC call latency.
            # TYPE ic_operator_call_seconds histogram
            ic_operator_call_seconds_bucket{method="install_code",le="0.1"} 1
            ic_operator_call_seconds_bucket{method="install_code",le="1"} 2
            ic_operator_call_seconds_bucket{method="install_code",le="+Inf"} 3
            ic_operator_call_seconds_sum{method="install_code"} 3.55
            ic_operator_call_seconds_count{method="install_code"} 3
            # HELP ic_operator_canister_cycles Cycles balance.
            # TYPE ic_operator_canister_cycles gauge
            ic_operator_canister_cycles{canister="ryjl3-tyaaa-aaaaa-aaaba-cai"} 1500000000000
            # HELP ic_operator_upgrades_total Upgrades by result.
            # TYPE ic_operator_upgrades_total counter
            ic_operator_upgrades_total{result="rolled_back"} 1
            ic_operator_upgrades_total{result="succeeded"} 3

            """.Replace("\r\n", "\n"));
    }

    [Fact]
    public void Observations_on_a_bucket_bound_count_in_that_bucket()
    {
        var registry = new MetricRegistry();
        var h = registry.Histogram("h_seconds", "x", [0.1, 0.5, 1]);
        foreach (var value in new[] { 0.1, 0.1000001, 0.5, 1, 1.5, 0 })
        {
            h.Observe(value);
        }

        registry.Export().Should().Contain("h_seconds_bucket{le=\"0.1\"} 2\n")
            .And.Contain("h_seconds_bucket{le=\"0.5\"} 4\n")
            .And.Contain("h_seconds_bucket{le=\"1\"} 5\n")
            .And.Contain("h_seconds_bucket{le=\"+Inf\"} 6\n")
            .And.Contain("h_seconds_count 6\n");
    }

    [Fact]
    public void Label_values_and_help_are_escaped()
    {
        var registry = new MetricRegistry();
        registry.Gauge("weird", "Help with \\ and\nnewline.", "v").WithLabels("quote \" back \\ nl \n").Set(double.NaN);
        registry.Export().Should().Be("# HELP weird Help with \\\\ and\\nnewline.\n# TYPE weird gauge\nweird{v=\"quote \\\" back \\\\ nl \\n\"} NaN\n");
    }

    [Fact]
    public void Families_are_shared_by_name_and_a_different_shape_is_refused()
    {
        var registry = new MetricRegistry();
        registry.Counter("requests_total", "Requests.", "code").Should().BeSameAs(registry.Counter("requests_total", "Requests.", "code"));
        FluentActions.Invoking(() => registry.Gauge("requests_total", "Requests.", "code")).Should().Throw<InvalidOperationException>().WithMessage("*requests_total*Counter*");
        FluentActions.Invoking(() => registry.Counter("requests_total", "Requests.", "method")).Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Bad_names_values_and_label_counts_are_refused()
    {
        var registry = new MetricRegistry();
        FluentActions.Invoking(() => registry.Counter("1bad", "x")).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => registry.Counter("ok_total", "x", "__reserved")).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => registry.Histogram("h", "x", [1, 1])).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => registry.Histogram("h2", "x", null, "le")).Should().Throw<ArgumentException>();
        var counter = registry.Counter("c_total", "x", "a", "b");
        FluentActions.Invoking(() => counter.WithLabels("only-one")).Should().Throw<ArgumentException>().WithMessage("*expected 2 values, got 1*");
        FluentActions.Invoking(() => counter.WithLabels("a", "b").Inc(-1)).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public async Task Concurrent_increments_are_not_lost()
    {
        var counter = new MetricRegistry().Counter("hits_total", "Hits.");
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                counter.Inc();
            }
        })));
        counter.Value.Should().Be(80_000);
    }

    [RequiresToolFact("promtool")]
    public async Task Promtool_accepts_the_exposition_of_the_runtime_metrics()
    {
        var registry = new MetricRegistry();
        var runtime = RuntimeMetrics.For(registry);
        using (var queue = new WorkQueue<ObjectKey>("canisterdeployment", clock: new Fakes.ManualClock(), metrics: registry))
        {
            queue.Add(new ObjectKey("apps", "counter"));
            var (key, _) = await queue.GetAsync();
            queue.Done(key);
            queue.AddRateLimited(key);
        }

        runtime.ReconcileTotal.WithLabels("canisterdeployment", "success").Inc();
        runtime.ReconcileErrors.WithLabels("canisterdeployment").Inc();
        runtime.ReconcileTime.WithLabels("canisterdeployment").Observe(0.42);
        runtime.RestRequests.WithLabels("200", "GET", "10.96.0.1:443").Inc();
        runtime.LeaderStatus.WithLabels("ic-operator").Set(1);
        registry.Gauge("ic_operator_canister_phase", "Phase of each canister (1 for the current phase).", "namespace", "name", "phase")
            .WithLabels("apps", "counter", "Ready").Set(1);

        var exposition = registry.Export();
        var start = new ProcessStartInfo(PeerTools.Promtool!, "check metrics")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var promtool = Process.Start(start)!;
        await promtool.StandardInput.WriteAsync(exposition);
        promtool.StandardInput.Close();
        var output = await promtool.StandardOutput.ReadToEndAsync() + await promtool.StandardError.ReadToEndAsync();
        await promtool.WaitForExitAsync();

        promtool.ExitCode.Should().Be(0, $"promtool said: {output}\n--- exposition ---\n{exposition}");
        exposition.Should().Contain("controller_runtime_reconcile_total{controller=\"canisterdeployment\",result=\"success\"} 1");
        exposition.Should().Contain("workqueue_adds_total{name=\"canisterdeployment\"} 1");
        exposition.Should().Contain("leader_election_master_status{name=\"ic-operator\"} 1");
    }
}
