using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using IcOperator.Agent.Identities;
using IcOperator.Api;
using IcOperator.Api.V1Alpha1;
using IcOperator.Controllers;
using IcOperator.Crds;
using IcOperator.Emulators.Ic;
using IcOperator.Emulators.Ic.Modules;
using IcOperator.Emulators.Kube;
using IcOperator.Kube.Client;
using IcOperator.Kube.Config;
using IcOperator.Kube.Resources;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;

namespace IcOperator.Benchmarks;

/// <summary>
/// Deploys N canisters from one template with the operator host running in process against both
/// emulators, resources applied through the Kubernetes API, and prints time until all are Ready, IC
/// calls per deployment, Wasm bytes uploaded ÷ module bytes and the process's memory. A one-shot
/// measurement, not a micro-benchmark, so it is its own entry point (<c>-- scale [--full] [--count N]</c>).
/// </summary>
/// <remarks>
/// Observed on the 2-core build machine (Release, N = 100, 256 KiB module, Nov 2026): all 100 Ready
/// 77 s after the first create (about 0.77 s of run time per deployment; CanisterDeployments are
/// reconciled 4 at a time and every call is signed, certified and verified on the same 2 cores as both
/// emulators). 13.0 IC calls per deployment: provisional_create_canister_with_cycles 1, install_code 1,
/// health 1, and canister_status 5 + list_canister_snapshots 5 (one observation per reconcile); every
/// executed message counts, queries included. Wasm uploaded ÷ module bytes 1.00: each canister gets
/// the module once as a plain install_code (below 1.85 MiB, so no chunks). GC heap after a full
/// collection 104 MiB, working set 325 MiB (peak 330 MiB); both include the two emulators, and the IC
/// emulator alone holds 100 × 256 KiB of installed modules.
/// N = 1,000 (<c>--full</c>) on the same machine: all Ready after 1,051 s (about 1.05 s per deployment,
/// so slower than linear), 13.07 IC calls per deployment, Wasm ratio 1.00, GC heap 1,049 MiB, working
/// set 1,845 MiB (peak 2,036 MiB), with 1,000 × 256 KiB of modules held by the IC emulator.
/// </remarks>
internal static class DeploymentScaleBenchmark
{
    private const int ModuleSize = 256 * 1024;

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var count = BenchmarkOptions.Full ? 1_000 : 100;
        var countAt = Array.IndexOf(args, "--count");
        if (countAt >= 0 && (countAt + 1 >= args.Length || !int.TryParse(args[countAt + 1], CultureInfo.InvariantCulture, out count) || count < 1))
        {
            output.WriteLine("--count: expected a positive number of deployments.");
            return 2;
        }

        var crdDirectory = Directory.CreateTempSubdirectory("ic-operator-scale-crds-");
        var cache = Directory.CreateTempSubdirectory("ic-operator-scale-cache-");
        try
        {
            foreach (var crd in CrdGenerator.GenerateAll())
            {
                await File.WriteAllTextAsync(Path.Combine(crdDirectory.FullName, crd.FileName), crd.Yaml);
            }

            await using var kube = await KubeApiEmulator.StartAsync(new KubeEmulatorOptions { CrdDirectory = crdDirectory.FullName });
            await using var ic = await IcEmulator.StartAsync();
            using var client = KubeClientFactory.Create(KubeConfigLoader.FromKubeconfigYaml(kube.Kubeconfig()));
            await using var controllers = new OperatorControllers(client, Prometheus.Metrics.NewCustomRegistry(), NullLoggerFactory.Instance, cache.FullName);
            using var stop = new CancellationTokenSource();
            var host = Task.Run(() => controllers.RunAsync(stop.Token));
            try
            {
                return await MeasureAsync(client, ic, count, output);
            }
            finally
            {
                await stop.CancelAsync();
                await host;
            }
        }
        finally
        {
            crdDirectory.Delete(recursive: true);
            cache.Delete(recursive: true);
        }
    }

    private static async Task<int> MeasureAsync(IKubeClient client, IcEmulator ic, int count, TextWriter output)
    {
        var module = new TestModuleBuilder()
            .WithQuery("health", "(variant { ok })")
            .WithCandidService("service : { health : () -> (variant { ok; degraded }) query }")
            .WithSizeAtLeast(ModuleSize)
            .Build();
        await CreateNetworkAndTemplateAsync(client, ic, module);

        output.WriteLine($"Deploying {count} canisters from one template ({module.Length} byte module)…");
        var clock = Stopwatch.StartNew();
        foreach (var i in Enumerable.Range(0, count))
        {
            await client.CreateAsync(OperatorResources.CanisterDeployments, new CanisterDeployment
            {
                Metadata = new V1ObjectMeta { Name = $"app-{i:D4}", NamespaceProperty = "default" },
                Spec = new CanisterDeploymentSpec
                {
                    NetworkRef = new LocalObjectReference { Name = "local" },
                    Template = new TemplateVersionReference { Name = "app", Version = "1.0.0" },
                    Upgrade = new UpgradePolicy { HealthCheck = new HealthCheck { Method = "health", Expect = "(variant { ok })", Timeout = "5s" } },
                },
            });
        }

        var created = clock.Elapsed;
        // One deployment at a time on a 2-core machine is about 0.2 s; the deadline only stops a run that hangs.
        var deadline = TimeSpan.FromSeconds(60 + (count * 2));
        var ready = 0;
        while (clock.Elapsed < deadline)
        {
            var deployments = await client.ListAsync(OperatorResources.CanisterDeployments, "default");
            ready = deployments.Items.Count(d => d.Status?.Conditions.Any(c => c.Type == ConditionTypes.Ready && c.Status == ConditionStatus.True && c.ObservedGeneration == d.Metadata.Generation) == true);
            if (ready == count)
            {
                break;
            }

            // Polling interval for the Ready count; it bounds the measurement's resolution, nothing else.
            await Task.Delay(100);
        }

        var allReady = clock.Elapsed;
        if (ready != count)
        {
            output.WriteLine($"Only {ready} of {count} deployments Ready after {deadline.TotalSeconds:F0} s.");
            return 1;
        }

        Report(ic, count, module.Length, created, allReady, output);
        return 0;
    }

    private static async Task CreateNetworkAndTemplateAsync(IKubeClient client, IcEmulator ic, byte[] module)
    {
        using (var identity = Ed25519Identity.Generate())
        {
            await client.CreateAsync(CoreResources.Secrets, new V1Secret
            {
                Metadata = new V1ObjectMeta { Name = "identity", NamespaceProperty = "default" },
                Data = new Dictionary<string, byte[]> { ["identity.pem"] = Encoding.UTF8.GetBytes(identity.ExportPkcs8Pem()) },
            });
        }

        await client.CreateAsync(OperatorResources.IcNetworks, new IcNetwork
        {
            Metadata = new V1ObjectMeta { Name = "local", NamespaceProperty = "default" },
            Spec = new IcNetworkSpec
            {
                Url = ic.Url.ToString(),
                RootKey = "fetch",
                Identity = new IdentitySource { SecretRef = new KeyReference { Name = "identity", Key = "identity.pem" } },
            },
        });
        await client.CreateAsync(OperatorResources.WasmTemplates, new WasmTemplate
        {
            Metadata = new V1ObjectMeta { Name = "app", NamespaceProperty = "default" },
            Spec = new WasmTemplateSpec
            {
                Versions = [new WasmVersion { Version = "1.0.0", Sha256 = Convert.ToHexStringLower(SHA256.HashData(module)), Source = new WasmSource { Inline = Convert.ToBase64String(module) } }],
            },
        });
    }

    private static void Report(IcEmulator ic, int count, int moduleBytes, TimeSpan created, TimeSpan allReady, TextWriter output)
    {
        var calls = ic.Counters.CallsByMethod;
        var totalCalls = calls.Values.Sum();
        // The emulator counts upload_chunk bytes; a plain install_code carries the whole module in its argument.
        var uploaded = ic.Counters.ChunkBytesReceived + (calls.GetValueOrDefault("install_code") * (long)moduleBytes);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        process.Refresh();

        output.WriteLine($"Deployments:              {count}");
        output.WriteLine($"Created through the API:  {created.TotalSeconds:F1} s");
        output.WriteLine($"All Ready after:          {allReady.TotalSeconds:F1} s ({allReady.TotalMilliseconds / count:F0} ms ÷ deployment)");
        output.WriteLine($"IC calls per deployment:  {(double)totalCalls / count:F2} ({totalCalls} in all)");
        foreach (var (method, n) in calls.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  {method,-40} {(double)n / count:F2}");
        }

        output.WriteLine($"Wasm uploaded ÷ module:   {(double)uploaded / ((long)moduleBytes * count):F2} ({uploaded} bytes, {ic.Counters.ChunkBytesReceived} of them in chunks)");
        output.WriteLine($"GC heap after collection: {GC.GetTotalMemory(forceFullCollection: false) / (1024.0 * 1024):F0} MiB (both emulators share the process)");
        output.WriteLine($"Working set:              {process.WorkingSet64 / (1024.0 * 1024):F0} MiB, peak {process.PeakWorkingSet64 / (1024.0 * 1024):F0} MiB");
    }
}
