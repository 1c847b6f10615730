using k8s.Autorest;

namespace IcOperator.Kube.Client;

/// <summary>
/// The official client with its request pipeline opened up: TLS (CA, client certificate, server name),
/// credentials (tokens, token files, exec plugins) and the HTTP handler all come from
/// <see cref="Kubernetes"/>; <see cref="KubeClient"/> sends raw requests through it so its resource types
/// keep their own source-generated JSON.
/// </summary>
internal sealed class KubernetesTransport(KubernetesClientConfiguration configuration, params DelegatingHandler[] handlers)
    : Kubernetes(configuration, handlers)
{
    /// <summary>Sends through the client's pipeline; a status outside 2xx throws <see cref="HttpOperationException"/>.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        SendRequestRaw(string.Empty, request, cancellationToken);
}
