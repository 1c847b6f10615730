using System.Diagnostics;
using IcOperator.Api;
using IcOperator.Api.V1Alpha1;
using IcOperator.Crds;
using IcOperator.Emulators.Ic;
using IcOperator.Emulators.Kube;
using IcOperator.Kube.Client;
using IcOperator.Kube.Config;
using k8s.Models;

namespace IcOperator.Benchmarks;

/// <summary>
/// What the one-shot benchmarks run the operator's process against: both emulators in this process (the Kubernetes
/// API with the operator's CRDs, the IC with the given options), a kubeconfig file for the operator, a client for the
/// benchmark, the identity Secret and a scratch directory removed at the end.
/// </summary>
internal sealed class BenchCluster : IAsyncDisposable
{
    private BenchCluster(DirectoryInfo work, KubeApiEmulator kube, IcEmulator ic, string kubeconfig, IKubeClient client)
    {
        Work = work;
        Kube = kube;
        Ic = ic;
        Kubeconfig = kubeconfig;
        Client = client;
    }

    public DirectoryInfo Work { get; }

    public KubeApiEmulator Kube { get; }

    public IcEmulator Ic { get; }

    /// <summary>The kubeconfig file the operator's process is given.</summary>
    public string Kubeconfig { get; }

    public IKubeClient Client { get; }

    public static async Task<BenchCluster> StartAsync(string name, IcEmulatorOptions icOptions)
    {
        var work = Directory.CreateTempSubdirectory($"ic-operator-{name}-");
        KubeApiEmulator? kube = null;
        IcEmulator? ic = null;
        try
        {
            var crds = Directory.CreateDirectory(Path.Combine(work.FullName, "crds"));
            foreach (var crd in CrdGenerator.GenerateAll())
            {
                await File.WriteAllTextAsync(Path.Combine(crds.FullName, crd.FileName), crd.Yaml);
            }

            kube = await KubeApiEmulator.StartAsync(new KubeEmulatorOptions { CrdDirectory = crds.FullName });
            ic = await IcEmulator.StartAsync(icOptions);
            var kubeconfig = Path.Combine(work.FullName, "kubeconfig");
            kube.WriteKubeconfig(kubeconfig, defaultNamespace: "default");
            var client = KubeClientFactory.Create(KubeConfigLoader.FromKubeconfigYaml(kube.Kubeconfig()));
            var cluster = new BenchCluster(work, kube, ic, kubeconfig, client);
            await DeploymentScaleBenchmark.CreateIdentitySecretAsync(client);
            return cluster;
        }
        catch
        {
            if (ic is not null)
            {
                await ic.DisposeAsync();
            }

            if (kube is not null)
            {
                await kube.DisposeAsync();
            }

            work.Delete(recursive: true);
            throw;
        }
    }

    /// <summary>Starts <c>ic-operator run</c> against this cluster, its Wasm cache in the scratch directory.</summary>
    public Process StartOperator(string? log = null) => DeploymentScaleBenchmark.StartOperator(Kubeconfig, Path.Combine(Work.FullName, "wasm-cache"), log);

    /// <summary>The IcNetwork <c>local</c> on the IC emulator, with the operator's identity Secret.</summary>
    public Task CreateNetworkAsync(NetworkLimits limits, bool sharedChunkStore) =>
        Client.CreateAsync(OperatorResources.IcNetworks, new IcNetwork
        {
            Metadata = new V1ObjectMeta { Name = "local", NamespaceProperty = "default" },
            Spec = new IcNetworkSpec
            {
                Url = Ic.Url.ToString(),
                RootKey = "fetch",
                Identity = new IdentitySource { SecretRef = new KeyReference { Name = "identity", Key = "identity.pem" } },
                Limits = limits,
                SharedChunkStore = sharedChunkStore,
            },
        });

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();

        await Ic.DisposeAsync();
        await Kube.DisposeAsync();
        Work.Delete(recursive: true);
    }
}
