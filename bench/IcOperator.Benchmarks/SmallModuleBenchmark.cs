using System.Diagnostics;
using System.Globalization;
using IcOperator.Api;
using IcOperator.Api.V1Alpha1;
using IcOperator.Emulators.Ic;
using IcOperator.Emulators.Ic.Modules;

namespace IcOperator.Benchmarks;

/// <summary>
/// When a module small enough for one <c>install_code</c> message should go through the network's shared chunk
/// store: the same fresh deploy of N canisters of one new version, once with the store (the module uploaded to it
/// beside the creates, then <c>install_chunked_code</c>) and once without (the module inline in each
/// <c>install_code</c>), each against fresh emulators with the 1 s update latency, the operator as its own process.
/// Prints, for each module size and N, the time until all are Ready, the Wasm bytes the IC received and the update
/// calls, and store ÷ inline for each. <c>-- small-modules [--sizes KIB,KIB] [--counts N,N] [--repeat R]</c>.
/// </summary>
internal static class SmallModuleBenchmark
{
    private static readonly TimeSpan UpdateLatency = TimeSpan.FromSeconds(1);

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var repeat = 2;
        if (!ListOption(args, "--sizes", [64, 1024], max: 1800, out var sizes) || !ListOption(args, "--counts", [1, 20], max: 200, out var counts)
            || !DeploymentScaleBenchmark.TryOption(args, "--repeat", ref repeat))
        {
            output.WriteLine("--sizes: expected comma-separated module sizes in KiB from 1 to 1800 (below them a module and its argument fit one message); --counts: deployments, 1 to 200; --repeat: a positive number.");
            return 2;
        }

        output.WriteLine($"Small modules: a fresh deploy through the network's chunk store vs inline; IC update latency {UpdateLatency.TotalSeconds:F0} s; operator as its own process; {repeat} run(s) of each, alternating, medians printed.");
        output.WriteLine($"{"module",8} {"N",4}  {"way",-6} {"all Ready",10} {"Wasm bytes received",20} {"update calls",13}   {"time: store ÷ inline",-20} {"bytes: store ÷ inline",-22}");
        foreach (var kib in sizes)
        {
            foreach (var count in counts)
            {
                var runs = new Dictionary<bool, List<Run>> { [false] = [], [true] = [] };
                for (var i = 0; i < repeat; i++)
                {
                    // Alternating, so a machine that gets busier or quieter weighs on both ways alike.
                    foreach (var store in i % 2 == 0 ? new[] { false, true } : [true, false])
                    {
                        if (await DeployAsync(kib * 1024, count, store) is not { } run)
                        {
                            output.WriteLine($"{kib} KiB, N = {count}, {(store ? "store" : "inline")}: not all Ready within the deadline.");
                            return 1;
                        }

                        runs[store].Add(run);
                    }
                }

                var inline = Median(runs[false]);
                var stored = Median(runs[true]);
                output.WriteLine(Line(kib, count, "inline", inline, null, null));
                output.WriteLine(Line(kib, count, "store", stored, stored.Elapsed / inline.Elapsed, (double)stored.WasmBytes / inline.WasmBytes));
            }
        }

        return 0;
    }

    private static string Line(int kib, int count, string way, Run run, double? time, double? bytes) => string.Create(
        CultureInfo.InvariantCulture,
        $"{kib,5} KiB {count,4}  {way,-6} {run.Elapsed.TotalSeconds,8:F2} s {run.WasmBytes,20} {run.UpdateCalls,13}   {(time is { } t ? $"{t:F3}" : ""),-20} {(bytes is { } b ? $"{b:F3}" : ""),-22}");

    private static Run Median(List<Run> runs)
    {
        var sorted = runs.OrderBy(r => r.Elapsed).ToList();
        return sorted[(sorted.Count - 1) / 2];
    }

    /// <summary>
    /// Fresh emulators, network and template; once the network (and its store with the upgrader, when used) and the
    /// template are ready, creates N deployments of version 1.0.0 and waits until all are Ready.
    /// </summary>
    private static async Task<Run?> DeployAsync(int size, int count, bool store)
    {
        await using var cluster = await BenchCluster.StartAsync("small-modules", new IcEmulatorOptions { UpdateLatency = UpdateLatency, CertificationRound = TimeSpan.FromMilliseconds(250) });
        using var modules = new ModuleHost();
        var module = DeploymentScaleBenchmark.Module("1", size);
        await cluster.CreateNetworkAsync(new NetworkLimits { RequestsPerSecond = 500, MaxConcurrentCalls = 128 }, store);
        await DeploymentScaleBenchmark.CreateTemplateAsync(cluster.Client, modules, module);
        using var operatorProcess = cluster.StartOperator();
        try
        {
            // What a network sets up once, whatever N: not part of the deploy's figures.
            await DeploymentScaleBenchmark.WaitAsync(
                () => cluster.Client.GetAsync(OperatorResources.IcNetworks, "local", "default"),
                n => store
                    ? n.Status?.ChunkStores.Any(s => s.CanisterId is not null && s.UpgraderModuleHash is not null) == true
                    : n.Status?.Conditions.Any(c => c.Type == ConditionTypes.Ready && c.Status == ConditionStatus.True) == true,
                TimeSpan.FromSeconds(60));
            await DeploymentScaleBenchmark.WaitAsync(
                () => cluster.Client.GetAsync(OperatorResources.WasmTemplates, "app", "default"),
                t => t.Status?.Versions.Any(v => v.Phase == WasmVersionPhase.Verified) == true,
                TimeSpan.FromSeconds(60));

            var bytesBefore = cluster.Ic.Counters.WasmBytesReceived;
            var updatesBefore = cluster.Ic.Counters.UpdateCallsLogged;
            var clock = Stopwatch.StartNew();
            await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, token) =>
                await cluster.Client.CreateAsync(OperatorResources.CanisterDeployments, DeploymentScaleBenchmark.Deployment($"app-{i:D4}"), cancellationToken: token));
            var ready = await DeploymentScaleBenchmark.CountReadyAsync(cluster.Client, count, "1.0.0", TimeSpan.FromSeconds(120));
            var elapsed = clock.Elapsed;
            return ready == count
                ? new Run(elapsed, cluster.Ic.Counters.WasmBytesReceived - bytesBefore, cluster.Ic.Counters.UpdateCallsSince(updatesBefore).Count(c => c.MadeBy is null))
                : null;
        }
        finally
        {
            operatorProcess.Kill(entireProcessTree: true);
            await operatorProcess.WaitForExitAsync();
        }
    }

    private static bool ListOption(string[] args, string name, int[] fallback, int max, out int[] values)
    {
        values = fallback;
        var at = Array.IndexOf(args, name);
        if (at < 0)
        {
            return true;
        }

        if (at + 1 >= args.Length)
        {
            return false;
        }

        var parsed = args[at + 1].Split(',').Select(v => int.TryParse(v, CultureInfo.InvariantCulture, out var n) && n > 0 && n <= max ? n : 0).ToArray();
        values = parsed;
        return parsed.Length > 0 && parsed.All(n => n > 0);
    }

    private sealed record Run(TimeSpan Elapsed, long WasmBytes, int UpdateCalls);
}
