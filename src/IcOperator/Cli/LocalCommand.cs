using System.CommandLine;
using System.Text;
using IcOperator.Agent.Identities;
using IcOperator.Api;
using IcOperator.Api.V1Alpha1;
using IcOperator.Emulators.Ic;
using IcOperator.Emulators.Kube;
using IcOperator.Kube.Client;
using IcOperator.Kube.Config;
using IcOperator.Kube.Resources;
using IcOperator.Observability;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace IcOperator.Cli;

/// <summary>
/// <c>ic-operator local</c>: the embedded default. Both emulators in process, the CRDs installed, a local
/// IcNetwork with a generated identity and its audit log deployed, the samples applied and followed until Ready,
/// served until Ctrl-C.
/// </summary>
internal static class LocalCommand
{
    public const string AllReady = "All samples are Ready.";

    public static Command Create()
    {
        var kubePort = new Option<int>("--kube-port") { Description = "Port of the Kubernetes API emulator (0: any free port)." };
        var icPort = new Option<int>("--ic-port") { Description = "Port of the IC emulator (0: any free port)." };
        var kubeconfigOut = new Option<FileInfo>("--kubeconfig-out")
        {
            Description = "Where to write a kubeconfig for kubectl.",
            DefaultValueFactory = _ => new FileInfo("ic-operator-local.kubeconfig"),
        };
        var noSamples = new Option<bool>("--no-samples") { Description = "Start empty: only the local IcNetwork and its identity." };
        var listen = new Option<string>("--listen")
        {
            Description = "Address /metrics, /healthz and /readyz are served on.",
            DefaultValueFactory = _ => "http://127.0.0.1:0",
        };
        var crds = new Option<DirectoryInfo>("--crds") { Description = "CRD directory.", DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("config", "crd")) };
        var samples = new Option<DirectoryInfo>("--samples") { Description = "Sample manifests to apply.", DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("config", "samples")) };
        var maxConcurrentReconciles = MaxConcurrentReconcilesOption.Create();
        var command = new Command("local", "Run everything in process: Kubernetes API and IC emulators, the CRDs, the samples and the controllers.");
        foreach (var option in new Option[] { kubePort, icPort, kubeconfigOut, noSamples, listen, crds, samples, maxConcurrentReconciles })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellation) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var crdDirectory = parse.GetValue(crds)!;
            if (!crdDirectory.Exists)
            {
                parse.InvocationConfiguration.Error.WriteLine($"--crds: directory {crdDirectory.FullName} does not exist; run from the repository root or pass --crds.");
                return 2;
            }

            using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
            await using var kube = await KubeApiEmulator.StartAsync(new KubeEmulatorOptions { Port = parse.GetValue(kubePort), CrdDirectory = crdDirectory.FullName }, cancellation);
            await using var ic = await IcEmulator.StartAsync(new IcEmulatorOptions { Port = parse.GetValue(icPort) }, cancellation);
            var kubeconfig = parse.GetValue(kubeconfigOut)!;
            kube.WriteKubeconfig(kubeconfig.FullName);
            var registry = Metrics.NewCustomRegistry();
            using var client = KubeClientFactory.Create(KubeConfigLoader.FromKubeconfigYaml(kube.Kubeconfig()), new PrometheusRuntimeMetrics(registry).RestClient);
            var cache = Directory.CreateTempSubdirectory("ic-operator-local-cache-");
            try
            {
                await using var server = OperatorServer.Start(client, registry, parse.GetValue(listen)!, cache.FullName, loggers, leaderElection: null, watchNamespace: null, parse.GetValue(maxConcurrentReconciles));

                output.WriteLine($"Kubernetes API: {kube.BaseUrl}");
                output.WriteLine($"IC emulator:    {ic.Url}");
                output.WriteLine($"IC root key:    {ic.RootKeyHex}");
                output.WriteLine($"Metrics:        {new Uri(server.Address, "/metrics")}");
                output.WriteLine($"kubectl:        kubectl --kubeconfig {kubeconfig.FullName} get ic");
                output.WriteLine($"Audit log:      ic-operator audit verify --network {ic.Url} --root-key {ic.RootKeyHex} --log <the IcNetwork's audit log>");

                using (var identity = Ed25519Identity.Generate())
                {
                    await client.CreateAsync(CoreResources.Secrets, new V1Secret
                    {
                        Metadata = new V1ObjectMeta { Name = "ic-operator-identity", NamespaceProperty = "default" },
                        Data = new Dictionary<string, byte[]> { ["identity.pem"] = Encoding.UTF8.GetBytes(identity.ExportPkcs8Pem()) },
                    }, cancellation);
                    output.WriteLine($"Operator principal: {identity.Sender}");
                }

                if (parse.GetValue(noSamples))
                {
                    await client.CreateAsync(OperatorResources.IcNetworks, LocalNetwork(ic.Url), cancellation);
                    output.WriteLine("Created IcNetwork/local; no samples applied (--no-samples).");
                }
                else
                {
                    foreach (var manifest in SampleManifests.Read(parse.GetValue(samples)!.FullName))
                    {
                        output.WriteLine($"Applied {await SampleManifests.CreateAsync(client, manifest, "default", ic.Url, cancellation)}");
                    }
                }

                await FollowAsync(client, output, cancellation);
                await server.WaitAsync(cancellation);
            }
            finally
            {
                // Deleted only after the server is disposed: its controllers write to the cache until they stop.
                cache.Delete(recursive: true);
            }

            return 0;
        });
        return command;
    }

    private static IcNetwork LocalNetwork(Uri url) => new()
    {
        Metadata = new V1ObjectMeta { Name = "local", NamespaceProperty = "default" },
        Spec = new IcNetworkSpec
        {
            Url = url.ToString(),
            RootKey = "fetch",
            Identity = new IdentitySource { SecretRef = new KeyReference { Name = "ic-operator-identity", Key = "identity.pem" } },
            AuditLog = SampleManifests.LocalAuditLog,
        },
    };

    /// <summary>Prints each resource's Ready condition when it changes, until everything is Ready.</summary>
    private static async Task FollowAsync(IKubeClient client, TextWriter output, CancellationToken cancellation)
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellation))
            {
                var states = new List<(string Name, Condition? Ready, string Detail)>();
                states.AddRange((await client.ListAsync(OperatorResources.IcNetworks, "default", cancellationToken: cancellation)).Items
                    .Select(n => ($"IcNetwork/{n.Metadata.Name}", Orchestration.Conditions.Find(n.Status?.Conditions, ConditionTypes.Ready),
                        n.Spec.AuditLog is null ? n.Status?.Principal ?? string.Empty : $"{n.Status?.Principal} audit log {n.Status?.AuditLog?.CanisterId ?? "(installing)"}")));
                states.AddRange((await client.ListAsync(OperatorResources.WasmTemplates, "default", cancellationToken: cancellation)).Items
                    .Select(t => ($"WasmTemplate/{t.Metadata.Name}", Orchestration.Conditions.Find(t.Status?.Conditions, ConditionTypes.Ready), $"latest {t.Status?.LatestVersion}")));
                states.AddRange((await client.ListAsync(OperatorResources.CanisterDeployments, "default", cancellationToken: cancellation)).Items
                    .Select(d => ($"CanisterDeployment/{d.Metadata.Name}", Orchestration.Conditions.Find(d.Status?.Conditions, ConditionTypes.Ready), $"{d.Status?.Phase} {d.Status?.CanisterId} {d.Status?.Version}")));
                states.AddRange((await client.ListAsync(OperatorResources.PackageInstallations, "default", cancellationToken: cancellation)).Items
                    .Select(p => ($"PackageInstallation/{p.Metadata.Name}", Orchestration.Conditions.Find(p.Status?.Conditions, ConditionTypes.Ready), $"{p.Status?.Phase} {p.Status?.Ready}")));
                foreach (var (name, ready, detail) in states)
                {
                    var line = $"{name}: Ready={ready?.Status.ToString() ?? "Unknown"} {ready?.Reason} {detail}".TrimEnd();
                    if (!seen.TryGetValue(name, out var previous) || previous != line)
                    {
                        seen[name] = line;
                        output.WriteLine(line);
                    }
                }

                if (states.Count > 0 && states.All(s => s.Ready?.Status == ConditionStatus.True))
                {
                    output.WriteLine(AllReady + " Serving until Ctrl-C.");
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // Stopped before everything was Ready.
        }
    }
}
