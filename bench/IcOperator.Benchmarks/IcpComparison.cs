using System.Diagnostics;
using IcOperator.Agent.Identities;
using IcOperator.Candid;
using IcOperator.Emulators.Ic;

namespace IcOperator.Benchmarks;

/// <summary>
/// What a user scripting <c>icp</c> 1.5 gets from the same emulator: canisters created and installed one by one,
/// then one upgraded with <c>icp canister install --mode upgrade</c>, and again with the operator's safety scripted
/// (<c>canister stop</c>, <c>canister snapshot create</c>, <c>canister install --mode upgrade</c>, <c>canister start</c>).
/// </summary>
internal static class IcpComparison
{
    private const string Relative = ".tools/npm/node_modules/@icp-sdk/icp-cli-linux-x64/bin/icp";

    /// <summary>Where icp is looked for: $ICP, else the repository's .tools/npm (found from the binary upwards).</summary>
    public static string IcpPath
    {
        get
        {
            if (Environment.GetEnvironmentVariable("ICP") is { Length: > 0 } configured)
            {
                return configured;
            }

            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, Relative);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            return Relative;
        }
    }

    public static async Task<IcpMeasurement?> RunAsync(IcEmulator ic, DirectoryInfo work, int sample, byte[] v1, byte[] v2, TextWriter output)
    {
        if (!File.Exists(IcpPath))
        {
            return null;
        }

        var home = Directory.CreateDirectory(Path.Combine(work.FullName, "icp-home"));
        var network = new[] { "-n", ic.Url.ToString(), "-k", ic.RootKeyHex };
        using (var identity = Ed25519Identity.Generate())
        {
            var pem = Path.Combine(home.FullName, "user.pem");
            await File.WriteAllTextAsync(pem, identity.ExportPkcs8Pem());
            await RunAsync(home, "identity", "import", "user", "--from-pem", pem, "--storage", "plaintext");
            await RunAsync(home, "identity", "default", "user");
            ic.MintCycles(identity.Sender, 1_000_000_000_000_000);
        }

        var v1File = Path.Combine(home.FullName, "v1.wasm");
        var v2File = Path.Combine(home.FullName, "v2.wasm");
        await File.WriteAllBytesAsync(v1File, v1);
        await File.WriteAllBytesAsync(v2File, v2);

        var bytesBefore = ic.Counters.WasmBytesReceived;
        var canisters = new List<Principal>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < sample; i++)
        {
            var created = await RunAsync(home, ["canister", "create", "--detached", "--quiet", "--cycles", "2t", "--subnet", ic.SubnetId.ToString(), .. network]);
            var id = Principal.Parse(created.Trim().Split('\n')[^1].Trim());
            await RunAsync(home, ["canister", "install", id.ToString(), "--mode", "install", "--wasm", v1File, .. network]);
            canisters.Add(id);
        }

        var perCanister = clock.Elapsed / sample;
        var bytes = ic.Counters.WasmBytesReceived - bytesBefore;
        output.WriteLine($"icp: {sample} canisters created and installed one by one in {clock.Elapsed.TotalSeconds:F1} s");

        // As a user upgrades: icp stops the canister, installs and starts it again, and takes no snapshot.
        var upgraded = canisters[0];
        var plain = await UpgradeMeasurement.MeasureAsync(ic, upgraded, () =>
            RunAsync(home, ["canister", "install", upgraded.ToString(), "--mode", "upgrade", "--wasm", v2File, "--yes", .. network]));

        // With the operator's safety, scripted: the snapshot taken while stopped; back to the other 5 MiB version.
        var safe = await UpgradeMeasurement.MeasureAsync(ic, upgraded, async () =>
        {
            await RunAsync(home, ["canister", "stop", upgraded.ToString(), .. network]);
            await RunAsync(home, ["canister", "snapshot", "create", upgraded.ToString(), "--quiet", .. network]);
            await RunAsync(home, ["canister", "install", upgraded.ToString(), "--mode", "upgrade", "--wasm", v1File, "--yes", .. network]);
            await RunAsync(home, ["canister", "start", upgraded.ToString(), .. network]);
        });
        return new IcpMeasurement(perCanister, bytes / sample, plain, safe);
    }

    private static async Task<string> RunAsync(DirectoryInfo home, params string[] args)
    {
        var start = new ProcessStartInfo(IcpPath) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = home.FullName };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["HOME"] = home.FullName;
        start.Environment["DO_NOT_TRACK"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("icp did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"icp {string.Join(' ', args)} exited with {process.ExitCode}: {await stderr}");
        }

        return await stdout;
    }
}
