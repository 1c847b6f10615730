using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using IcOperator.Kube.Config;
using IcOperator.Kube.Instrumentation;

namespace IcOperator.Kube.Client;

/// <summary>Creates an <see cref="IKubeClient"/> for a <see cref="KubeClientSettings"/>.</summary>
public static class KubeClientFactory
{
    /// <param name="settings">Server, credentials and TLS.</param>
    /// <param name="metrics">Where each request is reported (<c>rest_client_requests_total</c>); nowhere when null.</param>
    /// <param name="transport">Replaces the TLS socket handler (tests serve fake API servers through it).</param>
    public static IKubeClient Create(KubeClientSettings settings, IRestClientMetrics? metrics = null, HttpMessageHandler? transport = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var handler = new AuthenticationHandler(settings, transport ?? CreateSocketsHandler(settings));
        var http = new HttpClient(handler, disposeHandler: true);
        http.DefaultRequestHeaders.UserAgent.ParseAdd(settings.UserAgent);
        return new KubeClient(http, settings.Server, settings.DefaultNamespace, settings.RequestTimeout, metrics ?? NoRuntimeMetrics.Instance, settings.Token as IDisposable);
    }

    internal static SocketsHttpHandler CreateSocketsHandler(KubeClientSettings settings)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            KeepAlivePingDelay = TimeSpan.FromSeconds(30),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(15),
        };
        if (settings.ClientCertificate is { } certificate)
        {
            handler.SslOptions.ClientCertificates = [certificate];
        }

        if (settings.TlsServerName is { Length: > 0 } serverName)
        {
            handler.SslOptions.TargetHost = serverName;
        }

        if (settings.InsecureSkipTlsVerify)
        {
            // The user asked for it in the kubeconfig (insecure-skip-tls-verify); local clusters use it.
#pragma warning disable CA5359
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
#pragma warning restore CA5359
        }
        else if (settings.CertificateAuthorities is { Count: > 0 } roots)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                ValidateAgainstRoots(certificate, errors, roots);
        }

        return handler;
    }

    /// <summary>Trusts exactly the kubeconfig / service-account CA, as client-go does, not the system store.</summary>
    internal static bool ValidateAgainstRoots(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection roots)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }
}
