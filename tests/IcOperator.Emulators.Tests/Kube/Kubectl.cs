using System.Diagnostics;
using IcOperator.Emulators.Kube;
using IcOperator.Testing;

namespace IcOperator.Emulators.Tests.Kube;

/// <summary>Runs the real kubectl against an emulator through a kubeconfig the emulator wrote.</summary>
internal sealed class Kubectl : IDisposable
{
    private readonly DirectoryInfo _home;

    public Kubectl(KubeApiEmulator emulator)
    {
        _home = Directory.CreateTempSubdirectory("kubectl-");
        Kubeconfig = Path.Combine(_home.FullName, "kubeconfig");
        emulator.WriteKubeconfig(Kubeconfig);
    }

    public string Kubeconfig { get; }

    public async Task<Result> RunAsync(string arguments, string? stdin = null)
    {
        var start = new ProcessStartInfo(PeerTools.Kubectl ?? "kubectl", $"--kubeconfig {Kubeconfig} --cache-dir {Path.Combine(_home.FullName, "cache")} {arguments}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        start.Environment["HOME"] = _home.FullName;
        using var process = Process.Start(start)!;
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }

        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(deadline.Token);
        return new Result(process.ExitCode, await stdout, await stderr);
    }

    public void Dispose() => _home.Delete(recursive: true);

    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public Result ShouldSucceed()
        {
            ExitCode.Should().Be(0, $"kubectl should succeed; stderr: {Stderr}");
            return this;
        }

        public override string ToString() => $"exit {ExitCode}\n{Stdout}\n{Stderr}";
    }
}
