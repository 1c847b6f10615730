using System.Diagnostics;
using IcOperator.Cli;
using IcOperator.Testing;

namespace IcOperator.Tests.Cli;

/// <summary>`ic-operator local` in process: the samples reach Ready, and kubectl can drive what it serves.</summary>
public sealed class LocalCommandTests : IAsyncLifetime, IDisposable
{
    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("local-");
    private readonly CancellationTokenSource stop = new();
    private readonly NotifyingWriter buffer = new();
    private TextWriter output = null!;
    private Task<int> run = Task.FromResult(0);

    private string Kubeconfig => Path.Combine(directory.FullName, "kubeconfig");

    public Task InitializeAsync()
    {
        output = TextWriter.Synchronized(buffer);
        var parse = OperatorCli.Build().Parse([
            "local",
            "--kubeconfig-out", Kubeconfig,
            "--crds", Path.Combine(TestPaths.RepoRoot, "config", "crd"),
            "--samples", Path.Combine(TestPaths.RepoRoot, "config", "samples"),
        ]);
        parse.InvocationConfiguration.Output = output;
        parse.InvocationConfiguration.Error = output;
        run = Task.Run(() => parse.InvokeAsync(parse.InvocationConfiguration, stop.Token));
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        stop.Dispose();
        buffer.Dispose();
    }

    public async Task DisposeAsync()
    {
        await stop.CancelAsync();
        (await run).Should().Be(0, Printed());
        directory.Delete(recursive: true);
    }

    private string Printed()
    {
        lock (output)
        {
            return buffer.ToString();
        }
    }

    private async Task WaitForOutput(string text)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (!Printed().Contains(text, StringComparison.Ordinal) && !run.IsCompleted && !deadline.IsCancellationRequested)
        {
            // Woken by the next write of the command (or by its end), never by a timer.
            var written = buffer.NextWrite();
            if (Printed().Contains(text, StringComparison.Ordinal))
            {
                break;
            }

            await Task.WhenAny(written, run, Task.Delay(Timeout.Infinite, deadline.Token));
        }

        Printed().Should().Contain(text);
    }

    /// <summary>A string writer that completes a task on every write, so a test can wait for output without polling.</summary>
    private sealed class NotifyingWriter : StringWriter
    {
        private TaskCompletionSource next = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task NextWrite() => Volatile.Read(ref next).Task;

        public override void Write(char value)
        {
            base.Write(value);
            Interlocked.Exchange(ref next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        }

        public override void Write(string? value)
        {
            base.Write(value);
            Interlocked.Exchange(ref next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        }

        public override void Write(char[] buffer, int index, int count)
        {
            base.Write(buffer, index, count);
            Interlocked.Exchange(ref next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        }
    }

    private async Task<(int Exit, string Output)> Kubectl(params string[] args)
    {
        var start = new ProcessStartInfo(PeerTools.Kubectl!) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("--kubeconfig");
        start.ArgumentList.Add(Kubeconfig);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    [RequiresToolFact("kubectl")]
    public async Task Samples_become_ready_and_kubectl_sees_them_with_their_columns()
    {
        await WaitForOutput(LocalCommand.AllReady);
        var printed = Printed();
        printed.Should().Contain("Kubernetes API: https://127.0.0.1:").And.Contain("IC emulator:").And.Contain("/metrics");
        printed.Should().Contain("Applied IcNetwork/local").And.Contain("Applied WasmTemplate/hello").And.Contain("Applied CanisterDeployment/hello").And.Contain("Applied PackageInstallation/shop");

        var wait = await Kubectl("wait", "--for=condition=Ready", "cdep/hello", "--timeout=30s");
        wait.Exit.Should().Be(0, wait.Output);

        var package = await Kubectl("wait", "--for=condition=Ready", "pkgi/shop", "--timeout=60s");
        package.Exit.Should().Be(0, package.Output);
        var packages = await Kubectl("get", "pkgi");
        packages.Output.Should().MatchRegex(@"NAME\s+USER\s+READY\s+PHASE\s+AGE");
        packages.Output.Should().MatchRegex(@"shop\s+2vxsx-fae\s+3/3\s+Ready");

        var get = await Kubectl("get", "cdep");
        get.Exit.Should().Be(0, get.Output);
        get.Output.Should().MatchRegex(@"NAME\s+TEMPLATE\s+VERSION\s+CANISTER\s+PHASE\s+READY\s+AGE");
        get.Output.Should().MatchRegex(@"hello\s+hello\s+0\.1\.0\s+[a-z0-9-]+\s+Ready\s+True");
    }

    [Fact]
    public async Task The_audit_log_is_on_and_holds_the_samples_from_their_first_deploy()
    {
        await WaitForOutput(LocalCommand.AllReady);
        var printed = Printed();
        var ic = System.Text.RegularExpressions.Regex.Match(printed, @"IC emulator:\s+(?<url>\S+)").Groups["url"].Value;
        var log = System.Text.RegularExpressions.Regex.Match(printed, @"IcNetwork/local: Ready=True .* audit log (?<log>[a-z0-9-]+)").Groups["log"].Value;
        log.Should().NotBeEmpty(printed);
        var hello = System.Text.RegularExpressions.Regex.Match(printed, @"CanisterDeployment/hello: Ready=True \S+ Ready (?<id>[a-z0-9-]+)").Groups["id"].Value;
        hello.Should().NotBeEmpty(printed);

        using var report = new StringWriter();
        var verify = OperatorCli.Build().Parse(["audit", "verify", "--network", ic, "--root-key", "fetch", "--log", log, "--canister", hello]);
        verify.InvocationConfiguration.Output = report;
        verify.InvocationConfiguration.Error = report;

        (await verify.InvokeAsync(verify.InvocationConfiguration)).Should().Be(0, report.ToString());
        var rows = report.ToString().Split('\n').Where(l => l.Contains(hello, StringComparison.Ordinal)).ToList();
        rows.Should().HaveCountGreaterThanOrEqualTo(2, report.ToString());
        rows[0].Should().Contain("121upgrade_to", "the install is announced before it runs");
        rows.Should().Contain(r => r.Contains("121upgrade_finished") && r.Contains("result=Success"));
    }

    [Fact]
    public async Task Metrics_scrape_has_every_metric_the_dashboard_and_alerts_read()
    {
        await WaitForOutput(LocalCommand.AllReady);
        var url = System.Text.RegularExpressions.Regex.Match(Printed(), @"Metrics:\s+(?<url>\S+)").Groups["url"].Value;
        using var http = new HttpClient();
        var exported = ExportedNames(await http.GetStringAsync(new Uri(url)));
        exported.Should().Contain("ic_operator_canister_cycles", "the samples were deployed and observed");

        var read = Observability.DashboardTests.PanelExpressions().Select(e => e.Expr)
            .Concat(Observability.DashboardTests.AlertExpressions().Select(a => a.Expr))
            .SelectMany(Observability.PromQl.MetricNames)
            .Concat(Observability.DashboardTests.VariableMetrics())
            .ToHashSet();

        read.Should().Contain(["ic_operator_canister_phase", "workqueue_depth", "ic_operator_ic_call_duration_seconds_bucket"]);
        // `up` is the one series Prometheus writes itself for every scrape target.
        read.Where(name => name != "up" && !exported.Contains(name)).Should().BeEmpty("the dashboard and the alerts may only read what the operator exports");
    }

    /// <summary>Sample names in a text-format scrape, and the names every declared family's samples take (also before the first sample).</summary>
    private static HashSet<string> ExportedNames(string scrape)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in scrape.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ');
                names.Add(parts[2]);
                if (parts[3] is "histogram" or "summary")
                {
                    names.UnionWith([parts[2] + "_bucket", parts[2] + "_sum", parts[2] + "_count"]);
                }
            }
            else if (!line.StartsWith('#'))
            {
                names.Add(line[..line.IndexOfAny(['{', ' '])]);
            }
        }

        return names;
    }
}
