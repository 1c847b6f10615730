using IcOperator.Kube.Client;
using IcOperator.Kube.Config;
using IcOperator.Kube.Instrumentation;

namespace IcOperator.Kube.Tests.Fakes;

/// <summary>A <see cref="FakeApiServer"/> with a client pointed at it.</summary>
internal sealed class FakeCluster : IDisposable
{
    public FakeCluster(IRestClientMetrics? metrics = null)
    {
        Client = KubeClientFactory.Create(new KubernetesClientConfiguration { Host = "https://kube.test" }, metrics, Server);
    }

    public FakeApiServer Server { get; } = new();

    public IKubeClient Client { get; }

    /// <summary>A second client on the same server (another replica of the operator).</summary>
    public IKubeClient NewClient(string userAgent = "ic-operator") =>
        KubeClientFactory.Create(new KubernetesClientConfiguration { Host = "https://kube.test", UserAgent = userAgent }, transport: Server);

    public void Dispose() => Client.Dispose();
}
