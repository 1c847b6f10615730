using System.Globalization;
using System.Text.Json.Nodes;
using IcOperator.Testing;
using IcOperator.Tests.Crds;

namespace IcOperator.Tests.Observability;

/// <summary>The Grafana dashboard in the chart: its PromQL parses, and it draws the alerts' thresholds.</summary>
public sealed class DashboardTests
{
    public static string DashboardFile { get; } = Path.Combine(TestPaths.RepoRoot, "charts", "ic-operator", "files", "dashboards", "ic-operator.json");

    public static string AlertsFile { get; } = Path.Combine(TestPaths.RepoRoot, "config", "prometheus", "alerts.yaml");

    /// <summary>Every panel target's expression, keyed by panel title and refId.</summary>
    public static IReadOnlyList<(string Panel, string Expr)> PanelExpressions()
    {
        var dashboard = JsonNode.Parse(File.ReadAllText(DashboardFile))!;
        return dashboard["panels"]!.AsArray()
            .SelectMany(p => p!["targets"]?.AsArray().Select(t => ($"{p["title"]} {t!["refId"]}", (string)t["expr"]!)) ?? [])
            .ToList();
    }

    /// <summary>The metrics the namespace variable's <c>label_values(metric, label)</c> queries read.</summary>
    public static IEnumerable<string> VariableMetrics()
    {
        var dashboard = JsonNode.Parse(File.ReadAllText(DashboardFile))!;
        return dashboard["templating"]!["list"]!.AsArray()
            .Select(v => (string?)v!["definition"])
            .OfType<string>()
            .Select(d => d[(d.IndexOf('(', StringComparison.Ordinal) + 1)..d.IndexOf(',', StringComparison.Ordinal)].Trim());
    }

    /// <summary>The alert rules: name and expression.</summary>
    public static IReadOnlyList<(string Alert, string Expr)> AlertExpressions()
    {
        var rules = (Dictionary<string, object?>)YamlTree.Parse(File.ReadAllText(AlertsFile))!;
        return ((List<object?>)rules["groups"]!).Cast<Dictionary<string, object?>>()
            .SelectMany(g => ((List<object?>)g["rules"]!).Cast<Dictionary<string, object?>>())
            .Select(r => ((string)r["alert"]!, (string)r["expr"]!))
            .ToList();
    }

    [RequiresToolFact("promtool")]
    public async Task Every_panel_expression_parses_as_a_recording_rule()
    {
        var expressions = PanelExpressions();
        expressions.Should().HaveCountGreaterThan(20);
        var rules = new JsonObject
        {
            ["groups"] = new JsonArray(new JsonObject
            {
                ["name"] = "ic-operator-dashboard",
                ["rules"] = new JsonArray(expressions.Select((e, i) => (JsonNode)new JsonObject
                {
                    ["record"] = $"dashboard:panel_{i}",
                    ["expr"] = PromQl.WithGrafanaVariables(e.Expr),
                    ["labels"] = new JsonObject { ["panel"] = e.Panel },
                }).ToArray()),
            }),
        };
        var directory = Directory.CreateTempSubdirectory("dashboard-rules-");
        try
        {
            // JSON is YAML: promtool reads the file as it is.
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "dashboard.rules.yaml"), rules.ToJsonString());

            var check = await ToolRun.RunAsync(PeerTools.Promtool!, ["check", "rules", "dashboard.rules.yaml"], directory.FullName);

            check.ExitCode.Should().Be(0, check.Stdout + check.Stderr);
            check.Stdout.Should().Contain($"SUCCESS: {expressions.Count} rules found");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Metric_names_are_read_from_expressions()
    {
        PromQl.MetricNames("histogram_quantile(0.99, sum by (method, le) (rate(ic_operator_ic_call_duration_seconds_bucket{namespace=~\"a|b\"}[5m])))")
            .Should().BeEquivalentTo(["ic_operator_ic_call_duration_seconds_bucket"]);
        PromQl.MetricNames("ic_operator_canister_memory_bytes > 0.9 * 3 * 1024 and on (name) up{job=\"x\"} == 1e12")
            .Should().BeEquivalentTo(["ic_operator_canister_memory_bytes", "up"]);
    }

    [Fact]
    public void Cycles_and_memory_panels_draw_the_alert_thresholds()
    {
        var alerts = AlertExpressions().ToDictionary(a => a.Alert, a => a.Expr);

        Threshold(alerts["IcCanisterLowCycles"]).Should().Be(PanelThresholds("ic_operator_canister_cycles").Max());
        Threshold(alerts["IcCanisterMemoryHigh"]).Should().BeApproximately(PanelThresholds("ic_operator_canister_memory_bytes").Max(), 1);
        Threshold(alerts["IcOperatorReconcileErrors"]).Should().Be(PanelThresholds("controller_runtime_reconcile_errors_total").Max());
    }

    /// <summary>The number an alert compares with: the product of the literals right of its comparison.</summary>
    private static double Threshold(string expr)
    {
        var right = expr[(expr.LastIndexOfAny(['<', '>']) + 1)..];
        return right.Split('*').Select(f => double.Parse(f.Trim(), CultureInfo.InvariantCulture)).Aggregate(1.0, (a, b) => a * b);
    }

    private static IEnumerable<double> PanelThresholds(string metric)
    {
        var dashboard = JsonNode.Parse(File.ReadAllText(DashboardFile))!;
        var panel = dashboard["panels"]!.AsArray().Single(p => p!["targets"]?.AsArray().Any(t => PromQl.MetricNames((string)t!["expr"]!).Contains(metric)) == true)!;
        panel["fieldConfig"]!["defaults"]!["custom"]!["thresholdsStyle"]!["mode"]!.GetValue<string>().Should().Be("line", "the threshold is drawn");
        return panel["fieldConfig"]!["defaults"]!["thresholds"]!["steps"]!.AsArray()
            .Select(s => s!["value"])
            .OfType<JsonNode>()
            .Select(v => v.GetValue<double>());
    }
}
