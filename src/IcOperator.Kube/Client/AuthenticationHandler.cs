using System.Net;
using System.Net.Http.Headers;
using System.Text;
using IcOperator.Kube.Config;

namespace IcOperator.Kube.Client;

/// <summary>Adds the bearer token (or basic auth) to each request; a 401 drops a cached token.</summary>
internal sealed class AuthenticationHandler(KubeClientSettings settings, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (settings.Token is { } source && await source.GetTokenAsync(cancellationToken) is { Length: > 0 } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        else if (settings.BasicAuth is var (user, password))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            settings.Token?.Invalidate();
        }

        return response;
    }
}
