using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using IcOperator.Agent.Identities;
using IcOperator.Api;
using IcOperator.Api.V1Alpha1;
using IcOperator.Candid;
using IcOperator.Crds;
using IcOperator.Emulators.Ic;
using IcOperator.Emulators.Ic.Counters;
using IcOperator.Emulators.Ic.Modules;
using IcOperator.Emulators.Kube;
using IcOperator.Kube.Client;
using IcOperator.Kube.Config;
using IcOperator.Kube.Resources;
using k8s;
using k8s.Models;

namespace IcOperator.Benchmarks;

/// <summary>
/// The fleet benchmark: N CanisterDeployments of one 5 MiB template, the operator as its own process
/// (<c>ic-operator run</c>) against both emulators, the IC emulator with a 1 s consensus delay on update calls.
/// Prints time until all Ready, time per deployment, Wasm bytes uploaded ÷ module bytes, IC calls per fresh
/// deploy, per resync and per upgrade, and the operator's peak RSS. In the same run, against the same emulator,
/// <c>icp</c> 1.5 creates and installs a sample of canisters one by one as a script would, and both upgrade one
/// canister to a new 5 MiB version; the emulator reports each canister's downtime.
/// A one-shot measurement, not a micro-benchmark: <c>-- scale [--full] [--count N] [--icp-sample K]</c>.
/// The numbers measured are in bench/README.md.
/// </summary>
internal static class DeploymentScaleBenchmark
{
    private const int ModuleSize = 5 * 1024 * 1024;
    private static readonly TimeSpan UpdateLatency = TimeSpan.FromSeconds(1);

    // Certified once per block, as a subnet certifies its state (a few blocks a second), so the responses of a block share
    // one signature; with the emulator's default of 2 ms nearly every response had its own, which the operator verified
    // alone: CPU a subnet never asks of it.
    private static readonly TimeSpan CertificationRound = TimeSpan.FromMilliseconds(250);

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var count = BenchmarkOptions.Full ? 1_000 : 100;
        var sample = 5;
        if (!TryOption(args, "--count", ref count) || !TryOption(args, "--icp-sample", ref sample))
        {
            output.WriteLine("--count, --icp-sample: expected a positive number.");
            return 2;
        }

        if (count < 3)
        {
            output.WriteLine($"--count: expected at least 3 (one resync and two upgrades are measured on the first three), found {count}.");
            return 2;
        }

        // The IC emulator runs each message under one lock on the calling thread (a replica's one execution thread), so
        // the operator's calls in flight (up to 128) wait there on pool threads. Without threads to spare the Kubernetes
        // emulator in this process stopped answering for seconds (a lease renewal took over 8 s, the operator lost its
        // lease and every deployment started over); in a cluster the API server and the IC are other machines.
        ThreadPool.GetMinThreads(out var workers, out var completions);
        ThreadPool.SetMinThreads(Math.Max(workers, 512), completions);
        await using var cluster = await BenchCluster.StartAsync("scale", new IcEmulatorOptions { UpdateLatency = UpdateLatency, CertificationRound = CertificationRound });
        using var modules = new ModuleHost();
        var v1 = Module("1", ModuleSize);
        var v2 = Module("2", ModuleSize);
        // A fleet's limits: what a subnet takes from one client, not a trickle.
        await cluster.CreateNetworkAsync(new NetworkLimits { RequestsPerSecond = 500, MaxConcurrentCalls = 128 }, sharedChunkStore: true);
        await CreateTemplateAsync(cluster.Client, modules, v1, v2);

        using var operatorProcess = cluster.StartOperator(OptionValue(args, "--operator-log"));
        using var rss = new PeakMemory(operatorProcess);
        try
        {
            return await MeasureAsync(cluster.Client, cluster.Ic, cluster.Work, count, sample, v1, v2, rss, args.Contains("--deploy-only"), OptionValue(args, "--call-log"), output);
        }
        finally
        {
            operatorProcess.Kill(entireProcessTree: true);
            await operatorProcess.WaitForExitAsync();
        }
    }

    internal static bool TryOption(string[] args, string name, ref int value)
    {
        var at = Array.IndexOf(args, name);
        if (at < 0)
        {
            return true;
        }

        return at + 1 < args.Length && int.TryParse(args[at + 1], CultureInfo.InvariantCulture, out value) && value > 0;
    }

    internal static string? OptionValue(string[] args, string name) => Array.IndexOf(args, name) is var at && at >= 0 && at + 1 < args.Length ? args[at + 1] : null;

    // A module that replies and makes no calls: it imports the reply API and not the call API.
    internal static byte[] Module(string version, int size) => new TestModuleBuilder()
        .WithSystemImports("msg_arg_data_size", "msg_arg_data_copy", "msg_reply_data_append", "msg_reply")
        .WithQuery("health", "(variant { ok })")
        .WithQuery("version", $"(\"{version}\")")
        .WithCandidService("service : { health : () -> (variant { ok; degraded }) query; version : () -> (text) query }")
        .WithSizeAtLeast(size)
        .Build();

    /// <summary>
    /// Where <c>ic-operator.dll</c> is taken from: <c>IC_OPERATOR_DIR</c> when set (a published build, e.g. the
    /// ReadyToRun one the image ships), otherwise the benchmark's own output, which holds the JIT-only build.
    /// </summary>
    internal static string OperatorAssembly()
    {
        var directory = Environment.GetEnvironmentVariable("IC_OPERATOR_DIR");
        var assembly = Path.Combine(string.IsNullOrEmpty(directory) ? AppContext.BaseDirectory : directory, "ic-operator.dll");
        return File.Exists(assembly) ? assembly : throw new FileNotFoundException($"IC_OPERATOR_DIR: expected a directory holding ic-operator.dll, found no {assembly}.");
    }

    /// <summary>
    /// Starts <c>ic-operator run</c>; its log is dropped, or written to <paramref name="log"/> with the time each line
    /// arrived (which wake ran which step, for reading a run call by call).
    /// </summary>
    internal static Process StartOperator(string kubeconfig, string cache, string? log = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { OperatorAssembly(), "run", "--kubeconfig", kubeconfig, "--wasm-cache", cache, "--listen", "http://127.0.0.1:0" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        // As the image starts it (Dockerfile ENV): two malloc arenas, not one per thread; a value given to the benchmark wins.
        start.Environment.TryAdd("MALLOC_ARENA_MAX", "2");
        var process = Process.Start(start) ?? throw new InvalidOperationException("ic-operator did not start");
        // Drain its logs so it never blocks on a full pipe.
        var file = log is null ? null : TextWriter.Synchronized(new StreamWriter(log) { AutoFlush = true });
        process.OutputDataReceived += (_, line) => file?.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {line.Data}");
        process.ErrorDataReceived += (_, line) => file?.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {line.Data}");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<int> MeasureAsync(IKubeClient client, IcEmulator ic, DirectoryInfo work, int count, int sample, byte[] v1, byte[] v2, PeakMemory rss, bool deployOnly, string? callLog, TextWriter output)
    {
        output.WriteLine($"Fleet: {count} deployments of one {v1.Length / (1024.0 * 1024):F1} MiB template; IC update latency {UpdateLatency.TotalSeconds:F0} s; operator as its own process ({OperatorAssembly()}).");
        // The store canister and its upgrader module are set up once per network, before any deployment: not part of the fleet's figures.
        await WaitAsync(() => client.GetAsync(OperatorResources.IcNetworks, "local", "default"), n => n.Status?.ChunkStores.Any(s => s.CanisterId is not null && s.UpgraderModuleHash is not null) == true, TimeSpan.FromSeconds(60));
        await WaitAsync(() => client.GetAsync(OperatorResources.WasmTemplates, "app", "default"), t => t.Status?.Versions.Count(v => v.Phase == WasmVersionPhase.Verified) == 2, TimeSpan.FromSeconds(60));

        var callsBefore = ic.Counters.CallsByMethod;
        var updatesBefore = ic.Counters.UpdateCallsLogged;
        var readStatesBefore = ic.Counters.ReadStatesLogged;
        var bytesBefore = ic.Counters.WasmBytesReceived;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, token) =>
            await client.CreateAsync(OperatorResources.CanisterDeployments, Deployment($"app-{i:D4}"), cancellationToken: token));
        var created = clock.Elapsed;
        var ready = await CountReadyAsync(client, count, "1.0.0", TimeSpan.FromSeconds(120 + (count * 3)));
        var allReady = clock.Elapsed;
        if (ready != count)
        {
            output.WriteLine($"Only {ready} of {count} deployments Ready after {allReady.TotalSeconds:F0} s.");
            return 1;
        }

        // Counters and the log of executed calls read at one moment: resyncs go on while the deployments are listed.
        var deployCalls = Delta(callsBefore, ic.Counters.CallsByMethod);
        var deployUpdates = ic.Counters.UpdateCallsSince(updatesBefore).ToList();
        var deployReadStates = ic.Counters.ReadStatesSince(readStatesBefore);
        var readStatesDropped = ic.Counters.ReadStatesLogged - readStatesBefore - deployReadStates.Count;
        var deployments = (await client.ListAsync(OperatorResources.CanisterDeployments, "default")).Items.OrderBy(d => d.Metadata.Name, StringComparer.Ordinal).ToList();
        var resyncReads = ResyncReads(deployUpdates, deployments);
        Subtract(deployCalls, "canister_status", resyncReads);
        // The upgrader, which goes into the network's chunk store once whatever N, is not the template module: counted apart.
        var deployed = deployments.Select(d => d.Status?.CanisterId).OfType<string>().Select(Principal.Parse).ToHashSet();
        var upgraderBytes = deployUpdates.Count(c => c.Method == "install_code" && c.MadeBy is null && !deployed.Contains(c.Canister)) * (long)ChunkStore.UpgraderModule.Wasm.Length;
        var uploaded = ic.Counters.WasmBytesReceived - bytesBefore - upgraderBytes;
        var perDeployment = allReady / count;
        output.WriteLine($"All {count} Ready after:        {allReady.TotalSeconds:F1} s ({perDeployment.TotalMilliseconds:F0} ms per deployment; creating them took {created.TotalSeconds:F1} s)");
        output.WriteLine($"Wasm uploaded ÷ module bytes:  {(double)uploaded / v1.Length:F3} ({uploaded} bytes for {count} canisters; the upgrader into the chunk store apart: {upgraderBytes} bytes)");
        PrintCalls("IC calls per fresh deploy", deployCalls, count, output);
        output.WriteLine($"    (not counted above: {resyncReads} canister_status of 2-minute resyncs of deployments already Ready while the fleet deployed, {(double)resyncReads / count:F2} per deployment)");
        output.WriteLine($"    read_state requests: {deployReadStates.Count + readStatesDropped}, of them for a subnet's node keys: {deployReadStates.Count(r => r.Roots is ["subnet"])}{(readStatesDropped > 0 ? $" ({readStatesDropped} left the emulator's log unread)" : "")}");
        PrintFreshDeploys(deployUpdates, clock.Elapsed, deployments, output);
        if (callLog is not null)
        {
            await WriteCallLogAsync(callLog, deployUpdates, clock.Elapsed, deployments);
        }

        output.WriteLine($"Operator peak RSS, deploy:     {rss.Peak / (1024.0 * 1024):F0} MiB (at all Ready)");
        if (deployOnly)
        {
            return 0;
        }

        // A resync: one Ready deployment asked to reconcile again, nothing changed.
        var resyncBefore = ic.Counters.CallsByMethod;
        var resyncUpdatesBefore = ic.Counters.UpdateCallsLogged;
        var requested = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        await client.PatchAsync(OperatorResources.CanisterDeployments, "app-0000", "default", KubePatch.Merge(new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [Annotations.ReconcileRequestedAt] = requested } } }));
        await WaitAsync(() => client.GetAsync(OperatorResources.CanisterDeployments, "app-0000", "default"), d => d.Status?.LastHandledReconcileAt == requested, TimeSpan.FromSeconds(60));
        PrintCalls("IC calls per resync", OnOneCanister(ic, resyncBefore, resyncUpdatesBefore, deployments[0]), 1, output);

        // The operator's upgrade of one canister: one call to the network's upgrader (stop, snapshot while stopped,
        // install from the store, start, on the subnet), health check after.
        var upgradeBefore = ic.Counters.CallsByMethod;
        var upgradeUpdatesBefore = ic.Counters.UpdateCallsLogged;
        var operatorUpgrade = await UpgradeAsync(client, ic, "app-0001", new JsonObject { ["template"] = new JsonObject { ["version"] = "2.0.0" } });
        PrintCalls("IC calls per upgrade", OnOneCanister(ic, upgradeBefore, upgradeUpdatesBefore, deployments[1]), 1, output);
        PrintCalls("  made by the upgrader", MadeByCanisters(ic, upgradeUpdatesBefore), 1, output);

        // The same with spec.upgrade.snapshotBeforeStop, which the upgrader makes unneeded: it goes through the upgrader too.
        var beforeStopUpgrade = await UpgradeAsync(client, ic, "app-0002", new JsonObject
        {
            ["template"] = new JsonObject { ["version"] = "2.0.0" },
            ["upgrade"] = new JsonObject { ["snapshotBeforeStop"] = true },
        });

        var peak = rss.Peak;
        output.WriteLine($"Operator peak RSS:             {peak / (1024.0 * 1024):F0} MiB (the operator process alone)");
        output.WriteLine($"IC certification rounds:       {ic.CertificationRounds}");

        var icp = await IcpComparison.RunAsync(ic, work, sample, v1, v2, output);
        output.WriteLine();
        output.WriteLine("Operator vs icp, same emulator, same latency, same module:");
        if (icp is { } measured)
        {
            output.WriteLine($"  time per canister:   operator {perDeployment.TotalSeconds:F2} s, icp {measured.PerCanister.TotalSeconds:F2} s: operator ÷ icp = {perDeployment / measured.PerCanister:F3} ({measured.PerCanister / perDeployment:F1}× faster)");
            output.WriteLine($"  bytes per canister:  operator {uploaded / count} B, icp {measured.BytesPerCanister} B");
            output.WriteLine("  upgrade to another 5 MiB version, total time and downtime (time stopping or stopped, from the emulator):");
            Print("operator through the upgrader (default; status, snapshot list, one upgrade call: stop, snapshot, install, start on the subnet; status, health check)", operatorUpgrade, output);
            Print("operator, snapshotBeforeStop (through the upgrader all the same)", beforeStopUpgrade, output);
            Print("icp canister install --mode upgrade (no snapshot)", measured.Upgrade, output);
            Print("icp scripted: stop; snapshot create; install --mode upgrade; start", measured.SafeUpgrade, output);
        }
        else
        {
            output.WriteLine($"  icp not found at {IcpComparison.IcpPath}");
            Print("operator through the upgrader (default)", operatorUpgrade, output);
            Print("operator, snapshotBeforeStop (through the upgrader all the same)", beforeStopUpgrade, output);
        }

        return 0;
    }

    /// <summary>
    /// The update calls each fresh deploy made on its canister, from the emulator's log of executed calls: how many
    /// deployments made each count of <c>canister_status</c>, and three deployments' calls with the time each executed
    /// after the fleet's creation began.
    /// </summary>
    private static void PrintFreshDeploys(List<UpdateCallRecord> updates, TimeSpan elapsed, List<CanisterDeployment> deployments, TextWriter output)
    {
        var began = DateTimeOffset.UtcNow - elapsed;
        var calls = updates.ToLookup(c => c.Canister);
        var statusReads = deployments.Select(d => calls[Principal.Parse(d.Status!.CanisterId!)].Count(c => c.Method == "canister_status" && c.ExecutedAt < ReadyAt(d)));
        output.WriteLine($"    canister_status reads per deployment until it was Ready: {string.Join(", ", statusReads.GroupBy(n => n).OrderBy(g => g.Key).Select(g => $"{g.Key} read(s): {g.Count()}"))}");
        foreach (var deployment in new[] { deployments[0], deployments[deployments.Count / 2], deployments[^1] })
        {
            var timeline = calls[Principal.Parse(deployment.Status!.CanisterId!)].Select(c => $"{c.Method} +{(c.ExecutedAt - began).TotalSeconds:F2}");
            output.WriteLine($"    {deployment.Metadata.Name}: {string.Join(", ", timeline)}");
        }
    }

    /// <summary>
    /// The deploy phase as lines of seconds after the fleet's creation began: each update call the emulator executed
    /// (<c>call</c>, method, canister) and each deployment's Ready time (<c>ready</c>, name), for plotting the rates over the run.
    /// </summary>
    private static async Task WriteCallLogAsync(string path, List<UpdateCallRecord> updates, TimeSpan elapsed, List<CanisterDeployment> deployments)
    {
        var began = DateTimeOffset.UtcNow - elapsed;
        var lines = updates.Select(c => string.Create(CultureInfo.InvariantCulture, $"{(c.ExecutedAt - began).TotalSeconds:F3} call {c.Method} {c.Canister}"))
            .Concat(deployments.Select(d => string.Create(CultureInfo.InvariantCulture, $"{(ReadyAt(d) - TimeSpan.FromSeconds(1) - began).TotalSeconds:F3} ready {d.Metadata.Name}")));
        await File.WriteAllLinesAsync(path, lines);
    }

    /// <summary>When the deployment became Ready (its condition's transition time, to the second, so one second later).</summary>
    private static DateTimeOffset ReadyAt(CanisterDeployment deployment) =>
        deployment.Status!.Conditions.First(c => c.Type == ConditionTypes.Ready).LastTransitionTime + TimeSpan.FromSeconds(1);

    /// <summary>canister_status calls on the deployments' canisters after each was Ready: their periodic resyncs.</summary>
    private static long ResyncReads(IEnumerable<UpdateCallRecord> calls, List<CanisterDeployment> deployments)
    {
        var readyAt = deployments.ToDictionary(d => Principal.Parse(d.Status!.CanisterId!), ReadyAt);
        return calls.Count(c => c.Method == "canister_status" && readyAt.TryGetValue(c.Canister, out var ready) && c.ExecutedAt >= ready);
    }

    /// <summary>
    /// The calls since <paramref name="before"/> less the canister_status reads of other canisters: at N = 1,000 the other
    /// deployments' 2-minute resyncs (8 a second) fall into any window.
    /// </summary>
    private static Dictionary<string, long> OnOneCanister(IcEmulator ic, IReadOnlyDictionary<string, long> before, long updatesBefore, CanisterDeployment deployment)
    {
        var calls = Delta(before, ic.Counters.CallsByMethod);
        var canister = Principal.Parse(deployment.Status!.CanisterId!);
        Subtract(calls, "canister_status", ic.Counters.UpdateCallsSince(updatesBefore).Count(c => c.Method == "canister_status" && c.Canister != canister && c.MadeBy is null));
        foreach (var (method, n) in MadeByCanisters(ic, updatesBefore))
        {
            // The operator's IC calls only: the upgrader's calls on the subnet are printed apart.
            Subtract(calls, method, n);
        }

        return calls;
    }

    /// <summary>Management calls canisters made (the upgrader's) since <paramref name="updatesBefore"/>, by method.</summary>
    private static Dictionary<string, long> MadeByCanisters(IcEmulator ic, long updatesBefore) =>
        ic.Counters.UpdateCallsSince(updatesBefore).Where(c => c.MadeBy is not null).GroupBy(c => c.Method).ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal);

    private static void Subtract(Dictionary<string, long> calls, string method, long n)
    {
        if (calls.TryGetValue(method, out var had) && had - n is var left)
        {
            if (left == 0)
            {
                calls.Remove(method);
            }
            else
            {
                calls[method] = left;
            }
        }
    }

    /// <summary>Patches the deployment's spec and waits until it is Ready on version 2.0.0, measuring its canister on the emulator.</summary>
    private static async Task<UpgradeMeasurement> UpgradeAsync(IKubeClient client, IcEmulator ic, string name, JsonObject spec)
    {
        var deployment = await client.GetAsync(OperatorResources.CanisterDeployments, name, "default");
        return await UpgradeMeasurement.MeasureAsync(ic, Principal.Parse(deployment.Status!.CanisterId!), async () =>
        {
            await client.PatchAsync(OperatorResources.CanisterDeployments, name, "default", KubePatch.Merge(new JsonObject { ["spec"] = spec }));
            await WaitAsync(() => client.GetAsync(OperatorResources.CanisterDeployments, name, "default"), d => IsReady(d, "2.0.0"), TimeSpan.FromSeconds(120));
        });
    }

    private static void Print(string what, UpgradeMeasurement upgrade, TextWriter output)
    {
        output.WriteLine($"    {what}: {upgrade.Total.TotalSeconds:F1} s, downtime {upgrade.Downtime.TotalSeconds:F2} s");
        output.WriteLine($"      update calls on the canister: {upgrade.Timeline}");
    }

    private static bool IsReady(CanisterDeployment d, string version) =>
        d.Status?.Version == version && d.Status.Conditions.Any(c => c.Type == ConditionTypes.Ready && c.Status == ConditionStatus.True && c.ObservedGeneration == d.Metadata.Generation);

    /// <summary>
    /// Waits until <paramref name="count"/> deployments are Ready on <paramref name="version"/>, from one list and then a
    /// watch (listed again when the watch ends), and returns how many were Ready at the end. A list every few hundred
    /// milliseconds cost the Kubernetes emulator, in this process, time that grew with N under the lock its writes take.
    /// </summary>
    internal static async Task<int> CountReadyAsync(IKubeClient client, int count, string version, TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        var ready = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            while (true)
            {
                var list = await client.ListAsync(OperatorResources.CanisterDeployments, "default", cancellationToken: timeout.Token);
                ready = list.Items.Where(d => IsReady(d, version)).Select(d => d.Metadata.Name).ToHashSet(StringComparer.Ordinal);
                if (ready.Count == count)
                {
                    return count;
                }

                var watch = client.WatchAsync(OperatorResources.CanisterDeployments, "default", new WatchOptions { ResourceVersion = list.Metadata.ResourceVersion }, timeout.Token);
                await foreach (var change in watch)
                {
                    if (change.Object is not { } deployment)
                    {
                        continue;
                    }

                    if (change.Type != WatchEventType.Deleted && IsReady(deployment, version))
                    {
                        ready.Add(deployment.Metadata.Name);
                    }
                    else
                    {
                        ready.Remove(deployment.Metadata.Name);
                    }

                    if (ready.Count == count)
                    {
                        return count;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return ready.Count;
        }
    }

    internal static async Task<T> WaitAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan deadline)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (clock.Elapsed > deadline)
            {
                throw new TimeoutException($"the benchmark waited {deadline.TotalSeconds:F0} s for a condition that did not come");
            }

            await Task.Delay(100);
        }
    }

    internal static Dictionary<string, long> Delta(IReadOnlyDictionary<string, long> before, IReadOnlyDictionary<string, long> after) =>
        after.Select(kv => (kv.Key, Value: kv.Value - before.GetValueOrDefault(kv.Key))).Where(kv => kv.Value > 0).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);

    internal static void PrintCalls(string what, Dictionary<string, long> calls, int per, TextWriter output)
    {
        output.WriteLine($"{what + ":",-31}{(double)calls.Values.Sum() / per:F2}");
        foreach (var (method, n) in calls.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"    {method,-40} {(double)n / per:F2}");
        }
    }

    internal static CanisterDeployment Deployment(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default" },
        Spec = new CanisterDeploymentSpec
        {
            NetworkRef = new LocalObjectReference { Name = "local" },
            Template = new TemplateVersionReference { Name = "app", Version = "1.0.0" },
            Upgrade = new UpgradePolicy { HealthCheck = new HealthCheck { Method = "health", Expect = "(variant { ok })", Timeout = "10s" } },
        },
    };

    /// <summary>The Secret "identity" holding a fresh Ed25519 key for the operator, as the IcNetwork of both runs names it.</summary>
    internal static async Task CreateIdentitySecretAsync(IKubeClient client)
    {
        using (var identity = Ed25519Identity.Generate())
        {
            await client.CreateAsync(CoreResources.Secrets, new V1Secret
            {
                Metadata = new V1ObjectMeta { Name = "identity", NamespaceProperty = "default" },
                Data = new Dictionary<string, byte[]> { ["identity.pem"] = Encoding.UTF8.GetBytes(identity.ExportPkcs8Pem()) },
            });
        }
    }

    /// <summary>The WasmTemplate <c>app</c> with one version per module, 1.0.0 onwards, served over HTTP.</summary>
    internal static Task CreateTemplateAsync(IKubeClient client, ModuleHost modules, params byte[][] versions) =>
        client.CreateAsync(OperatorResources.WasmTemplates, new WasmTemplate
        {
            Metadata = new V1ObjectMeta { Name = "app", NamespaceProperty = "default" },
            Spec = new WasmTemplateSpec
            {
                Versions = [.. versions.Select((module, i) => new WasmVersion
                {
                    Version = $"{i + 1}.0.0",
                    Sha256 = Convert.ToHexStringLower(SHA256.HashData(module)),
                    Source = new WasmSource { Url = modules.Serve($"v{i + 1}.wasm", module) },
                })],
            },
        });
}
