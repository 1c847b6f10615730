using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using IcOperator.Api;
using IcOperator.Api.V1Alpha1;
using IcOperator.Candid;
using IcOperator.Emulators.Ic;
using IcOperator.Kube.Client;
using static IcOperator.Tests.Controllers.OperatorTestBed;
using R = IcOperator.Api.V1Alpha1.CanisterDeploymentReasons;

namespace IcOperator.Tests.Controllers;

/// <summary>
/// The operator as a real process (<c>ic-operator run</c>) against both emulators, killed with SIGKILL at seeded
/// moments (after a seeded number of IC calls) while its deployments are created, installed, upgraded and rolled
/// back, and started again each time. Every deployment must converge with one canister each, no create left
/// unresolved and no snapshot the status does not list. <c>make chaos</c> runs a longer variant
/// (CHAOS_DEPLOYMENTS, CHAOS_KILLS, CHAOS_SEED).
/// </summary>
public sealed class OperatorChaosTests : IAsyncLifetime
{
    private static readonly TimeSpan PhaseDeadline = TimeSpan.FromMinutes(5);

    private readonly int deployments = Setting("CHAOS_DEPLOYMENTS", 2);
    private readonly int killsPerPhase = Setting("CHAOS_KILLS", 1);
    private readonly int seed = Setting("CHAOS_SEED", 18);
    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("chaos-");
    private readonly StringBuilder operatorLog = new();
    private readonly byte[] v1 = Module("(variant { ok })", 1);
    private readonly byte[] v2 = Module("(variant { ok })", 2);
    private readonly byte[] v3 = Module("(variant { degraded })", 3);
    private OperatorTestBed bed = null!;
    private KubeEnvironment kube = null!;
    private IcEmulator ic = null!;
    private Process? running;
    private int kills;

    public async Task InitializeAsync()
    {
        bed = await OperatorTestBed.StartAsync();
        (kube, ic) = (bed.Kube, bed.Ic);
        await File.WriteAllTextAsync(Path.Combine(work.FullName, "kubeconfig"), kube.Emulator.Kubeconfig());
        // A kill between recording a request and sending it holds that step until the request expires.
        await bed.CreateNetworkAsync(spec => spec with { Limits = new NetworkLimits { IngressExpiry = "10s" } });
        await bed.CreateTemplateAsync("app", ("1.0.0", v1), ("2.0.0", v2), ("3.0.0", v3));
    }

    public async Task DisposeAsync()
    {
        await KillAsync();
        await bed.DisposeAsync();
        work.Delete(recursive: true);
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    private static string Name(int i) => $"app-{i}";

    private long IcCalls() => ic.Counters.CallsByMethod.Values.Sum();

    private void StartOperator()
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "ic-operator"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "run", "--kubeconfig", Path.Combine(work.FullName, "kubeconfig"), "--leader-elect", "false", "--listen", "http://127.0.0.1:0", "--wasm-cache", Path.Combine(work.FullName, "wasm") })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("ic-operator did not start");
        process.OutputDataReceived += (_, e) => Note(e.Data);
        process.ErrorDataReceived += (_, e) => Note(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        running = process;
    }

    private void Note(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (operatorLog)
        {
            operatorLog.AppendLine(line);
        }
    }

    /// <summary>SIGKILL: the process gets no chance to finish a step or write status.</summary>
    private async Task KillAsync()
    {
        if (running is { } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            process.Dispose();
            running = null;
        }
    }

    private async Task<IReadOnlyList<CanisterDeployment>> DeploymentsAsync() =>
        (await kube.Client.ListAsync(OperatorResources.CanisterDeployments, "default")).Items;

    private async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan deadline, string what)
    {
        var until = DateTime.UtcNow + deadline;
        while (!await condition())
        {
            if (DateTime.UtcNow > until || running is { HasExited: true })
            {
                string log;
                lock (operatorLog)
                {
                    log = operatorLog.ToString();
                }

                var states = string.Join("\n", (await DeploymentsAsync()).Select(d => $"{d.Metadata.Name}: {d.Status?.Phase} {d.Status?.Conditions.FirstOrDefault(c => c.Status == ConditionStatus.True)?.Reason} {d.Status?.Conditions.FirstOrDefault()?.Message}"));
                throw new TimeoutException($"{what} did not happen within {deadline} (after {kills} kills, seed {seed}).\n{states}\noperator log (tail):\n{log[Math.Max(0, log.Length - 6000)..]}");
            }

            // Polling interval while waiting for the condition; the deadline, not the delay, bounds the wait.
            await Task.Delay(10);
        }
    }

    /// <summary>Kills the operator after a seeded number of IC calls, several times, then lets it converge.</summary>
    private async Task RunPhaseAsync(Random random, Func<IReadOnlyList<CanisterDeployment>, bool> converged, string what)
    {
        async Task<bool> Done() => converged(await DeploymentsAsync());
        for (var k = 0; k < killsPerPhase; k++)
        {
            var target = IcCalls() + random.Next(1, 6 * deployments);
            StartOperator();
            await WaitUntilAsync(async () => IcCalls() >= target || await Done(), PhaseDeadline, $"{what}: IC call {target}");
            await KillAsync();
            kills++;
        }

        StartOperator();
        await WaitUntilAsync(Done, PhaseDeadline, what);
        await KillAsync();
    }

    private Task SetVersionAsync(string version) => Task.WhenAll(Enumerable.Range(0, deployments).Select(i =>
        kube.Client.PatchAsync(OperatorResources.CanisterDeployments, Name(i), "default", KubePatch.Merge(new JsonObject { ["spec"] = new JsonObject { ["template"] = new JsonObject { ["version"] = version } } }))));

    private int Installs(Principal canister, byte[] module) =>
        ic.GetCanister(canister)!.History.Count(c => c.Mode is not null && c.ModuleHash is not null && Convert.ToHexStringLower(c.ModuleHash) == Sha(module));

    [Fact]
    public async Task Deployments_converge_when_the_operator_process_is_killed_during_create_install_upgrade_and_rollback()
    {
        var random = new Random(seed);
        for (var i = 0; i < deployments; i++)
        {
            await kube.Client.CreateAsync(OperatorResources.CanisterDeployments, new CanisterDeployment
            {
                Metadata = new V1ObjectMeta { Name = Name(i), NamespaceProperty = "default" },
                Spec = new CanisterDeploymentSpec
                {
                    NetworkRef = new LocalObjectReference { Name = "local" },
                    Template = new TemplateVersionReference { Name = "app", Version = "1.0.0" },
                    Upgrade = new UpgradePolicy { HealthCheck = new HealthCheck { Method = "health", Expect = "(variant { ok })", Timeout = "1s" } },
                },
            });
        }

        await RunPhaseAsync(random, ds => ds.All(d => d.Status?.Version == "1.0.0" && Has(d, "Ready")), "create and install");
        await SetVersionAsync("2.0.0");
        await RunPhaseAsync(random, ds => ds.All(d => d.Status?.Version == "2.0.0" && Has(d, "Ready")), "upgrade");
        await SetVersionAsync("3.0.0");
        await RunPhaseAsync(random, ds => ds.All(d => d.Status?.FailedVersion == "3.0.0" && d.Status.LastOperation?.Result is not null && Has(d, "Stalled")), "rollback");

        var final = await DeploymentsAsync();
        kills.Should().Be(3 * killsPerPhase);
        final.Select(d => d.Status!.CanisterId).Should().OnlyHaveUniqueItems();

        // The network's chunk store (on by default) is created while the operator is being killed too: one, no orphan.
        var store = (await kube.Client.GetAsync(OperatorResources.IcNetworks, "local", "default")).Status!.ChunkStores
            .Should().ContainSingle("one store per network and subnet, however often the operator was killed").Which;
        ic.GetCanisters().Select(c => c.Id.ToString()).Should().BeEquivalentTo(
            [.. final.Select(d => d.Status!.CanisterId!), store.CanisterId!],
            "exactly the deployed canisters and the one store: a killed create is resolved, never repeated");
        foreach (var deployment in final)
        {
            var stalled = deployment.Status!.Conditions.Single(c => c.Type == "Stalled");
            stalled.Reason.Should().NotBe(R.CreateOutcomeUnknown);
            deployment.Status.Version.Should().Be("2.0.0", "version 3.0.0 was unhealthy and rolled back");
            var canister = Principal.Parse(deployment.Status.CanisterId!);
            Convert.ToHexStringLower(ic.GetCanister(canister)!.ModuleHash!).Should().Be(Sha(v2));
            Installs(canister, v1).Should().Be(1, $"{deployment.Metadata.Name}: one install of 1.0.0");
            Installs(canister, v2).Should().Be(1, $"{deployment.Metadata.Name}: one upgrade to 2.0.0");
            Installs(canister, v3).Should().Be(1, $"{deployment.Metadata.Name}: one upgrade to 3.0.0, then the rollback");
            var listed = deployment.Status.Snapshots.Select(s => s.Id).ToHashSet();
            ic.GetCanister(canister)!.Snapshots.Select(s => Convert.ToHexStringLower(s.Id)).Should().OnlyContain(id => listed.Contains(id), $"{deployment.Metadata.Name}: no snapshot the status does not list");
        }
    }
}
