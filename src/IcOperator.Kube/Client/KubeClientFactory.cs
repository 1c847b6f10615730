using System.Runtime.CompilerServices;
using System.Text.Json;
using IcOperator.Kube.Config;
using IcOperator.Kube.Instrumentation;
using IcOperator.Kube.Serialization;

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
        SkipTheClientsJson(configuration);
        var kubernetes = transport is null
            ? new KubernetesTransport(configuration)
            : new KubernetesTransport(configuration, new ShortCircuitHandler(transport));
        return new KubeClient(kubernetes, configuration.DefaultNamespace(), requestTimeout ?? TimeSpan.FromSeconds(30), metrics ?? NoRuntimeMetrics.Instance);
    }

    /// <summary>
    /// Gives <paramref name="configuration"/> this library's JSON options when it has none, so that constructing the
    /// official client does not build its own. Its default options come from <see cref="KubernetesJson"/>, whose static
    /// constructor creates the client's source-generated context of every resource type: with the JIT compiling once
    /// and fully, that took 14 MiB of native memory for the life of the process and about 150 ms at start. The options
    /// only serve the client's typed methods; <see cref="KubeClient"/> sends raw requests and serializes with
    /// <see cref="KubeJsonContext"/> and the operator's own contexts. Should the client rename its field, it builds its
    /// options as before (KubeClientFactoryTests notices).
    /// </summary>
    private static void SkipTheClientsJson(KubernetesClientConfiguration configuration)
    {
        try
        {
            JsonOptionsOf(configuration) ??= KubeJsonContext.Default.Options;
        }
        catch (MissingFieldException)
        {
            // A client that renamed its field builds its own options: only the memory above is lost.
        }
    }

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "jsonSerializerOptions")]
    private static extern ref JsonSerializerOptions? JsonOptionsOf(KubernetesClientConfiguration configuration);
}
