using IcOperator.Api.V1Alpha1;
using IcOperator.Observability;

namespace IcOperator.Tests.Observability;

public sealed class OperatorMetricsTests
{
    private const string Canister = "rrkah-fqaaa-aaaaa-aaaaq-cai";

    private static CanisterDeploymentStatus Status(string version, string hash, CanisterPhase phase) => new()
    {
        CanisterId = Canister,
        Version = version,
        ModuleHash = hash,
        Phase = phase,
        Cycles = "1998765432100",
        MemorySize = "2345678",
    };

    [Fact]
    public async Task A_deployment_is_exported_with_cycles_memory_phase_and_version()
    {
        var metrics = new OperatorMetrics(Prometheus.Metrics.NewCustomRegistry());
        metrics.RecordDeployment("apps", "web", Status("1.0.0", "aa", CanisterPhase.Ready));
        var text = await Scrape.TextAsync(metrics.Registry);
        text.Should().Contain($"ic_operator_canister_cycles{{namespace=\"apps\",name=\"web\",canister=\"{Canister}\"}} 1998765432100");
        text.Should().Contain($"ic_operator_canister_memory_bytes{{namespace=\"apps\",name=\"web\",canister=\"{Canister}\"}} 2345678");
        text.Should().Contain("ic_operator_canister_phase{namespace=\"apps\",name=\"web\",phase=\"Ready\"} 1");
        text.Should().NotContain("phase=\"Upgrading\"", "a phase the deployment was never in has no series");
        text.Should().Contain($"ic_operator_canister_version_info{{namespace=\"apps\",name=\"web\",canister=\"{Canister}\",version=\"1.0.0\",module_hash=\"aa\"}} 1");
    }

    [Fact]
    public async Task A_new_version_replaces_the_old_version_series()
    {
        var metrics = new OperatorMetrics(Prometheus.Metrics.NewCustomRegistry());
        metrics.RecordDeployment("apps", "web", Status("1.0.0", "aa", CanisterPhase.Ready));
        metrics.RecordDeployment("apps", "web", Status("2.0.0", "bb", CanisterPhase.Upgrading));
        var text = await Scrape.TextAsync(metrics.Registry);
        text.Should().NotContain("version=\"1.0.0\"");
        text.Should().Contain("version=\"2.0.0\",module_hash=\"bb\"} 1");
        text.Should().Contain("phase=\"Ready\"} 0").And.Contain("phase=\"Upgrading\"} 1");
    }

    [Fact]
    public async Task A_deployment_has_one_phase_series_at_1_and_the_phases_it_left_at_0()
    {
        var metrics = new OperatorMetrics(Prometheus.Metrics.NewCustomRegistry());
        foreach (var phase in new[] { CanisterPhase.Creating, CanisterPhase.Installing, CanisterPhase.Ready, CanisterPhase.Upgrading, CanisterPhase.Ready })
        {
            metrics.RecordDeployment("apps", "web", Status("1.0.0", "aa", phase));
        }

        var text = await Scrape.TextAsync(metrics.Registry);
        var series = text.Split('\n').Where(l => l.StartsWith("ic_operator_canister_phase{", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        series.Should().Equal(
            "ic_operator_canister_phase{namespace=\"apps\",name=\"web\",phase=\"Creating\"} 0",
            "ic_operator_canister_phase{namespace=\"apps\",name=\"web\",phase=\"Installing\"} 0",
            "ic_operator_canister_phase{namespace=\"apps\",name=\"web\",phase=\"Ready\"} 1",
            "ic_operator_canister_phase{namespace=\"apps\",name=\"web\",phase=\"Upgrading\"} 0");
    }

    [Fact]
    public async Task A_deleted_deployment_leaves_no_series()
    {
        var metrics = new OperatorMetrics(Prometheus.Metrics.NewCustomRegistry());
        metrics.RecordDeployment("apps", "web", Status("1.0.0", "aa", CanisterPhase.Ready));
        metrics.RecordDeployment("apps", "api", Status("1.0.0", "aa", CanisterPhase.Ready));
        metrics.ForgetDeployment("apps", "web", Canister);
        var text = await Scrape.TextAsync(metrics.Registry);
        text.Should().NotContain("name=\"web\"");
        text.Should().Contain("name=\"api\"");
    }

    [Fact]
    public async Task Ic_calls_and_outcomes_are_counted()
    {
        var metrics = new OperatorMetrics(Prometheus.Metrics.NewCustomRegistry());
        metrics.ObserveIcCall("install_code", "replied", TimeSpan.FromMilliseconds(300));
        metrics.ObserveIcCall("install_code", "replied", TimeSpan.FromSeconds(3));
        metrics.Upgrades.WithLabels("apps", "Succeeded").Inc();
        metrics.Rollbacks.WithLabels("apps", "RolledBack").Inc();
        metrics.ChunkBytesUploaded.Inc(1048576);
        var text = await Scrape.TextAsync(metrics.Registry);
        text.Should().Contain("ic_operator_ic_call_duration_seconds_bucket{method=\"install_code\",result=\"replied\",le=\"0.5\"} 1");
        text.Should().Contain("ic_operator_ic_call_duration_seconds_count{method=\"install_code\",result=\"replied\"} 2");
        text.Should().Contain("ic_operator_upgrades_total{namespace=\"apps\",result=\"Succeeded\"} 1");
        text.Should().Contain("ic_operator_rollbacks_total{namespace=\"apps\",result=\"RolledBack\"} 1");
        text.Should().Contain("ic_operator_chunk_bytes_uploaded_total 1048576");
    }
}
