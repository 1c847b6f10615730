using IcOperator.Testing;
using IcOperator.Tests.Crds;

namespace IcOperator.Tests.Observability;

/// <summary>The alert rules' unit tests cover every alert (promtool runs them in PrometheusToolTests).</summary>
public sealed class AlertRulesTests
{
    [Fact]
    public void Every_alert_has_a_unit_test_where_it_fires()
    {
        var tests = (Dictionary<string, object?>)YamlTree.Parse(File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "config", "prometheus", "alerts_test.yaml")))!;
        var firing = ((List<object?>)tests["tests"]!).Cast<Dictionary<string, object?>>()
            .SelectMany(t => ((List<object?>)t["alert_rule_test"]!).Cast<Dictionary<string, object?>>())
            .Where(c => c["exp_alerts"] is List<object?> { Count: > 0 })
            .Select(c => (string)c["alertname"]!)
            .ToHashSet();
        var alerts = DashboardTests.AlertExpressions().Select(a => a.Alert).ToList();

        alerts.Should().Contain(["IcCanisterLowCycles", "IcCanisterRepeatedRollbacks", "IcCanisterDeploymentStalled", "IcOperatorReconcileErrors", "IcOperatorDown"]);
        alerts.Should().OnlyContain(a => firing.Contains(a), "each alert needs a promtool case where it fires");
    }
}
