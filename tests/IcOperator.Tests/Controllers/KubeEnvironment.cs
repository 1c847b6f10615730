using IcOperator.Emulators.Kube;
using IcOperator.Kube.Client;
using IcOperator.Kube.Config;
using IcOperator.Testing;

namespace IcOperator.Tests.Controllers;

/// <summary>The Kubernetes API emulator with the operator's CRDs installed, and a client for it.</summary>
internal sealed class KubeEnvironment : IAsyncDisposable
{
    private KubeEnvironment(KubeApiEmulator emulator, IKubeClient client)
    {
        Emulator = emulator;
        Client = client;
    }

    public KubeApiEmulator Emulator { get; }

    public IKubeClient Client { get; }

    public static async Task<KubeEnvironment> StartAsync()
    {
        var emulator = await KubeApiEmulator.StartAsync(new KubeEmulatorOptions { CrdDirectory = Path.Combine(TestPaths.RepoRoot, "config", "crd") });
        var client = KubeClientFactory.Create(KubeConfigLoader.FromKubeconfigYaml(emulator.Kubeconfig()));
        return new KubeEnvironment(emulator, client);
    }

    /// <summary>Polls until the condition holds, or fails after the deadline with what was last seen.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? deadline = null)
    {
        var until = DateTime.UtcNow + (deadline ?? TimeSpan.FromSeconds(30));
        T last;
        while (true)
        {
            last = await read();
            if (done(last) || DateTime.UtcNow > until)
            {
                break;
            }

            // Polling interval while waiting for the condition; the deadline, not the delay, bounds the test.
            await Task.Delay(50);
        }

        done(last).Should().BeTrue($"the condition should hold before the deadline; last seen: {System.Text.Json.JsonSerializer.Serialize(last)}");
        return last;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Emulator.DisposeAsync();
    }
}
