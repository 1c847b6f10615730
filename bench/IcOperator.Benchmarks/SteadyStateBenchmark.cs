using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using IcOperator.Api;
using IcOperator.Api.V1Alpha1;
using IcOperator.Crds;
using IcOperator.Emulators.Ic;
using IcOperator.Emulators.Ic.Modules;
using IcOperator.Emulators.Kube;
using IcOperator.Kube.Client;
using IcOperator.Kube.Config;
using IcOperator.Kube.Resources;
using k8s.Models;

namespace IcOperator.Benchmarks;

/// <summary>
/// The steady-state benchmark: N CanisterDeployments brought Ready by the operator as its own process
/// (<c>ic-operator run</c>, started as the fleet benchmark starts it) against both emulators, then a window in
/// which nothing changes. Prints the Kubernetes requests per minute in that window by verb and resource (the
/// target is watches only: no GET, LIST or PATCH), the IC calls per minute, the operator's RSS and its CPU.
/// <c>-- steady [--count N] [--window SECONDS]</c>; the numbers measured are in bench/README.md.
/// </summary>
internal static class SteadyStateBenchmark
{
    /// <summary>Clock ticks per second of /proc/PID/stat's utime and stime (USER_HZ, 100 on Linux).</summary>
    private const double ClockTicksPerSecond = 100;

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var count = 100;
        var window = 180;
        if (!DeploymentScaleBenchmark.TryOption(args, "--count", ref count) || !DeploymentScaleBenchmark.TryOption(args, "--window", ref window))
        {
            output.WriteLine("--count, --window: expected a positive number.");
            return 2;
        }

        await using var cluster = await BenchCluster.StartAsync("steady", new IcEmulatorOptions());
        await cluster.CreateNetworkAsync(new NetworkLimits { RequestsPerSecond = 500, MaxConcurrentCalls = 64 }, sharedChunkStore: false);
        await CreateTemplateAsync(cluster.Client);

        using var operatorProcess = cluster.StartOperator();
        try
        {
            return await MeasureAsync(cluster.Client, cluster.Kube, cluster.Ic, operatorProcess, count, TimeSpan.FromSeconds(window), output);
        }
        finally
        {
            operatorProcess.Kill(entireProcessTree: true);
            await operatorProcess.WaitForExitAsync();
        }
    }

    private static async Task<int> MeasureAsync(IKubeClient client, KubeApiEmulator kube, IcEmulator ic, Process operatorProcess, int count, TimeSpan window, TextWriter output)
    {
        output.WriteLine($"Steady state: {count} CanisterDeployments, operator as its own process (pid {operatorProcess.Id}, {DeploymentScaleBenchmark.OperatorAssembly()}), window {window.TotalSeconds:F0} s.");
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, token) =>
            await client.CreateAsync(OperatorResources.CanisterDeployments, Deployment($"app-{i:D4}"), cancellationToken: token));
        var ready = await DeploymentScaleBenchmark.CountReadyAsync(client, count, "1.0.0", TimeSpan.FromSeconds(120 + (count * 3)));
        if (ready != count)
        {
            output.WriteLine($"Only {ready} of {count} deployments Ready after {clock.Elapsed.TotalSeconds:F0} s.");
            return 1;
        }

        output.WriteLine($"All {count} Ready after {clock.Elapsed.TotalSeconds:F1} s; the benchmark now sends nothing and watches the counters.");
        // Two windows one after the other: in the first each deployment has its first periodic resync, which records the
        // memory size its canister has after the install (the install's reply carries none); in the second nothing changes.
        foreach (var name in new[] { "first window, with each deployment's first resync", "second window" })
        {
            await MeasureWindowAsync(name, kube, ic, operatorProcess, window, output);
        }

        return 0;
    }

    private static async Task MeasureWindowAsync(string name, KubeApiEmulator kube, IcEmulator ic, Process operatorProcess, TimeSpan window, TextWriter output)
    {
        var kubeBefore = kube.Requests.Snapshot();
        var icBefore = ic.Counters.CallsByMethod;
        var cpuBefore = CpuSeconds(operatorProcess);
        var windowClock = Stopwatch.StartNew();
        // The measurement window itself: the operator is left alone, nothing is raced.
        await Task.Delay(window);
        var elapsed = windowClock.Elapsed;
        var cpu = CpuSeconds(operatorProcess) - cpuBefore;
        var kubeAfter = kube.Requests.Snapshot();
        var icAfter = ic.Counters.CallsByMethod;
        var minutes = elapsed.TotalMinutes;

        var requests = kubeAfter.Select(e => (e.Key.Verb, e.Key.Resource, Count: e.Value - kubeBefore.GetValueOrDefault(e.Key))).Where(e => e.Count > 0).ToList();
        output.WriteLine($"Kubernetes requests per minute in steady state, {name} ({elapsed.TotalSeconds:F0} s):");
        foreach (var verb in new[] { "get", "list", "watch", "create", "update", "patch", "delete" })
        {
            var ofVerb = requests.Where(r => r.Verb == verb).ToList();
            var detail = string.Join(", ", ofVerb.OrderBy(r => r.Resource, StringComparer.Ordinal).Select(r => $"{r.Resource} {r.Count / minutes:F1}"));
            output.WriteLine($"    {verb,-8} {ofVerb.Sum(r => r.Count) / minutes,8:F1}{(detail.Length == 0 ? string.Empty : "   (" + detail + ")")}");
        }

        var calls = icAfter.Select(kv => (Method: kv.Key, Count: kv.Value - icBefore.GetValueOrDefault(kv.Key))).Where(c => c.Count > 0).ToList();
        output.WriteLine($"IC calls per minute in steady state: {calls.Sum(c => c.Count) / minutes:F1} ({string.Join(", ", calls.OrderBy(c => c.Method, StringComparer.Ordinal).Select(c => $"{c.Method} {c.Count / minutes:F1}"))})");
        output.WriteLine($"Operator RSS:                  {Status(operatorProcess, "VmRSS:") / 1024.0:F0} MiB now, {Status(operatorProcess, "VmHWM:") / 1024.0:F0} MiB peak");
        output.WriteLine($"Operator idle CPU:             {cpu / elapsed.TotalSeconds * 100:F2}% of one core ({cpu:F2} s of CPU in {elapsed.TotalSeconds:F0} s)");
    }

    /// <summary>User plus system CPU the process has used, from /proc/PID/stat.</summary>
    private static double CpuSeconds(Process process)
    {
        var stat = File.ReadAllText($"/proc/{process.Id}/stat");
        // Fields after the command name (which may hold spaces) start at state; utime and stime are fields 14 and 15.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / ClockTicksPerSecond;
    }

    /// <summary>A kB figure from /proc/PID/status (VmRSS, VmHWM).</summary>
    private static long Status(Process process, string field) =>
        File.ReadLines($"/proc/{process.Id}/status").Where(l => l.StartsWith(field, StringComparison.Ordinal))
            .Select(l => long.Parse(l[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture)).Single();

    private static CanisterDeployment Deployment(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default" },
        Spec = new CanisterDeploymentSpec
        {
            NetworkRef = new LocalObjectReference { Name = "local" },
            Template = new TemplateVersionReference { Name = "app", Version = "1.0.0" },
        },
    };

    /// <summary>A small inline template: what N deployments reference.</summary>
    private static Task<WasmTemplate> CreateTemplateAsync(IKubeClient client)
    {
        var module = new TestModuleBuilder().WithQuery("version", "(\"1\")").WithCandidService("service : { version : () -> (text) query }").Build();
        return client.CreateAsync(OperatorResources.WasmTemplates, new WasmTemplate
        {
            Metadata = new V1ObjectMeta { Name = "app", NamespaceProperty = "default" },
            Spec = new WasmTemplateSpec
            {
                Versions = [new WasmVersion { Version = "1.0.0", Sha256 = Convert.ToHexStringLower(SHA256.HashData(module)), Source = new WasmSource { Inline = Convert.ToBase64String(module) } }],
            },
        });
    }
}
