using System.Diagnostics;
using IcOperator.Api.V1Alpha1;
using IcOperator.Observability;
using IcOperator.Testing;

namespace IcOperator.Tests.Observability;

public sealed class PrometheusToolTests
{
    private static async Task<(int Exit, string Output)> Promtool(string workingDirectory, string? stdin, params string[] args)
    {
        var start = new ProcessStartInfo(PeerTools.Promtool!)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output + error);
    }

    [RequiresToolFact("promtool")]
    public async Task Promtool_accepts_a_scrape_of_the_operator_metrics()
    {
        await using var running = await RunningOperator.StartAsync();
        var metrics = running.Server.Controllers.Metrics;
        metrics.RecordDeployment("apps", "web", new CanisterDeploymentStatus
        {
            CanisterId = "rrkah-fqaaa-aaaaa-aaaaq-cai",
            Phase = CanisterPhase.Ready,
            Version = "1.0.0",
            ModuleHash = new string('a', 64),
            Cycles = "2000000000000",
            MemorySize = "1024",
        });
        metrics.ObserveIcCall("canister_status", "replied", TimeSpan.FromMilliseconds(20));
        metrics.Upgrades.WithLabels("apps", "Succeeded").Inc();
        metrics.Rollbacks.WithLabels("apps", "RolledBack").Inc();
        metrics.ChunkBytesUploaded.Inc(10);
        metrics.TemplateVersions.WithLabels("apps", "web", "Verified").Set(2);

        var (exit, output) = await Promtool(Path.GetTempPath(), await running.ScrapeWhenReadyAsync(), "check", "metrics");
        exit.Should().Be(0, output);
    }

    [RequiresToolFact("promtool")]
    public async Task Shipped_alert_rules_are_valid_and_their_unit_tests_pass()
    {
        var directory = Path.Combine(TestPaths.RepoRoot, "config", "prometheus");
        var check = await Promtool(directory, null, "check", "rules", "alerts.yaml");
        check.Exit.Should().Be(0, check.Output);
        var test = await Promtool(directory, null, "test", "rules", "alerts_test.yaml");
        test.Exit.Should().Be(0, test.Output);
    }
}
