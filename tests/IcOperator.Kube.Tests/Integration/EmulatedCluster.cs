using IcOperator.Emulators.Kube;
using IcOperator.Kube.Client;
using IcOperator.Kube.Config;
using IcOperator.Kube.Instrumentation;

namespace IcOperator.Kube.Tests.Integration;

/// <summary>The Kubernetes API emulator with the Widget CRD installed, reached through its kubeconfig over TLS.</summary>
internal sealed class EmulatedCluster : IAsyncDisposable
{
    private const string WidgetCrd = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: widgets.test.ic-operator.dev
        spec:
          group: test.ic-operator.dev
          scope: Namespaced
          names: { plural: widgets, singular: widget, kind: Widget }
          versions:
          - name: v1
            served: true
            storage: true
            subresources: { status: {} }
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    required: [template]
                    properties:
                      template: { type: string }
                      size: { type: integer, minimum: 0 }
                  status:
                    type: object
                    x-kubernetes-preserve-unknown-fields: true
        """;

    private readonly string directory = Directory.CreateTempSubdirectory("kube-it-").FullName;

    private EmulatedCluster(KubeApiEmulator emulator) => Emulator = emulator;

    public KubeApiEmulator Emulator { get; }

    public static async Task<EmulatedCluster> StartAsync(int watchHistorySize = 10_000)
    {
        var emulator = await KubeApiEmulator.StartAsync(new KubeEmulatorOptions { WatchHistorySize = watchHistorySize, BookmarkInterval = TimeSpan.FromMilliseconds(200) });
        emulator.LoadCrds(WidgetCrd);
        return new EmulatedCluster(emulator);
    }

    /// <summary>A client built the way the operator builds one: from a kubeconfig, trusting the cluster's CA.</summary>
    public IKubeClient NewClient(string userAgent = "ic-operator", IRestClientMetrics? metrics = null)
    {
        var configuration = KubeConfigLoader.FromKubeconfigYaml(Emulator.Kubeconfig(defaultNamespace: "default"));
        configuration.UserAgent = userAgent;
        return KubeClientFactory.Create(configuration, metrics);
    }

    public async ValueTask DisposeAsync()
    {
        await Emulator.DisposeAsync();
        Directory.Delete(directory, recursive: true);
    }
}
