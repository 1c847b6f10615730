using System.CommandLine;
using IcOperator.Kube.Client;
using IcOperator.Kube.Config;
using IcOperator.Kube.LeaderElection;
using IcOperator.Observability;
using IcOperator.Wasm;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace IcOperator.Cli;

/// <summary><c>ic-operator run</c>: the operator as it runs in a cluster.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var listen = new Option<string>("--listen")
        {
            Description = "Address /healthz, /readyz and /metrics are served on.",
            DefaultValueFactory = _ => "http://0.0.0.0:8080",
        };
        var kubeconfig = new Option<FileInfo?>("--kubeconfig")
        {
            Description = "A kubeconfig file; without it the in-cluster service account, then $KUBECONFIG or ~/.kube/config.",
        };
        var watchNamespace = new Option<string?>("--namespace")
        {
            Description = "Watch only this namespace (all namespaces when unset).",
        };
        var leaderElect = new Option<bool>("--leader-elect")
        {
            Description = "Hold a Lease so only one replica reconciles.",
            DefaultValueFactory = _ => true,
        };
        var leaseNamespace = new Option<string>("--lease-namespace")
        {
            Description = "Namespace of the leader election Lease.",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("POD_NAMESPACE") is { Length: > 0 } ns ? ns : "default",
        };
        var wasmCache = new Option<string>("--wasm-cache")
        {
            Description = $"Directory of verified modules (an emptyDir in the chart); default ${WasmCache.DirectoryVariable} or a temp directory.",
            DefaultValueFactory = _ => WasmCache.DefaultDirectory(),
        };
        var maxConcurrentReconciles = MaxConcurrentReconcilesOption.Create();
        var command = new Command("run", "Run the operator (in-cluster, or against a kubeconfig).");
        command.Options.Add(listen);
        command.Options.Add(kubeconfig);
        command.Options.Add(watchNamespace);
        command.Options.Add(leaderElect);
        command.Options.Add(leaseNamespace);
        command.Options.Add(wasmCache);
        command.Options.Add(maxConcurrentReconciles);
        command.SetAction(async (parse, cancellation) =>
        {
            using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information));
            var settings = parse.GetValue(kubeconfig) is { } file ? KubeConfigLoader.FromKubeconfigFile(file.FullName) : KubeConfigLoader.Default();
            var registry = Metrics.NewCustomRegistry();
            using var client = KubeClientFactory.Create(settings, new PrometheusRuntimeMetrics(registry).RestClient);
            var election = parse.GetValue(leaderElect)
                ? new LeaderElectionOptions { LeaseName = "ic-operator-leader", LeaseNamespace = parse.GetValue(leaseNamespace)! }
                : null;
            await using var server = OperatorServer.Start(client, registry, parse.GetValue(listen)!, parse.GetValue(wasmCache)!, loggers, election, parse.GetValue(watchNamespace), parse.GetValue(maxConcurrentReconciles));
            loggers.CreateLogger("ic-operator").LogInformation("Operator {Version} serving /metrics on {Address}", VersionCommand.Version, server.Address);
            await server.WaitAsync(cancellation);
            return 0;
        });
        return command;
    }
}
