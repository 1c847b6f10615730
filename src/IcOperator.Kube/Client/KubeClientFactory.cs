using IcOperator.Kube.Config;
using IcOperator.Kube.Instrumentation;

namespace IcOperator.Kube.Client;

/// <summary>Creates an <see cref="IKubeClient"/> on the official client for a <see cref="KubernetesClientConfiguration"/>.</summary>
public static class KubeClientFactory
{
    /// <summary>
    /// Connections open to the API server at most. Requests over HTTP/1.1 each hold one: hundreds of reconciles writing
    /// status at once opened one TLS connection apiece (about 240 at 256 reconciles, each with its buffers and native
    /// TLS state); requests beyond this wait for a free connection. Each informer's watch keeps one for itself.
    /// </summary>
    public const int MaxConnectionsToApiServer = 64;

    /// <param name="configuration">Server, credentials and TLS, e.g. from <see cref="KubeConfigLoader"/>.</param>
    /// <param name="metrics">Where each request is reported (<c>rest_client_requests_total</c>); nowhere when null.</param>
    /// <param name="transport">Answers every request instead of the network (tests serve fake API servers through it).</param>
    /// <param name="requestTimeout">Deadline of one request that is not a watch (30 s by default).</param>
    public static IKubeClient Create(KubernetesClientConfiguration configuration, IRestClientMetrics? metrics = null, HttpMessageHandler? transport = null, TimeSpan? requestTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        configuration.UserAgent ??= "ic-operator";
        var setup = configuration.FirstMessageHandlerSetup;
        configuration.FirstMessageHandlerSetup = handler =>
        {
            handler.MaxConnectionsPerServer = MaxConnectionsToApiServer;
            setup?.Invoke(handler);
        };
        var kubernetes = transport is null
            ? new KubernetesTransport(configuration)
            : new KubernetesTransport(configuration, new ShortCircuitHandler(transport));
        return new KubeClient(kubernetes, configuration.DefaultNamespace(), requestTimeout ?? TimeSpan.FromSeconds(30), metrics ?? NoRuntimeMetrics.Instance);
    }
}
