using System.Security.Cryptography.X509Certificates;

namespace IcOperator.Kube.Config;

/// <summary>How to reach and authenticate to one API server. Build with <see cref="KubeConfigLoader"/>.</summary>
public sealed record KubeClientSettings
{
    public required Uri Server { get; init; }

    /// <summary>The namespace of the kubeconfig context, or of the pod in cluster; "default" otherwise.</summary>
    public string DefaultNamespace { get; init; } = "default";

    public IBearerTokenSource? Token { get; init; }

    /// <summary>Basic auth from a kubeconfig (rare, kept for local clusters).</summary>
    public (string User, string Password)? BasicAuth { get; init; }

    /// <summary>Client certificate with its private key (mutual TLS).</summary>
    public X509Certificate2? ClientCertificate { get; init; }

    /// <summary>Roots to trust for the server's certificate instead of the system store; null uses the system store.</summary>
    public X509Certificate2Collection? CertificateAuthorities { get; init; }

    public bool InsecureSkipTlsVerify { get; init; }

    /// <summary>SNI/verification name when it differs from the server host (kubeconfig <c>tls-server-name</c>).</summary>
    public string? TlsServerName { get; init; }

    /// <summary>Timeout of a single non-watch request.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Sent as User-Agent, visible in audit logs.</summary>
    public string UserAgent { get; init; } = "ic-operator";

    /// <summary>A safe description for logs: server and auth kind, never secrets.</summary>
    public override string ToString() =>
        $"{Server} ({(Token is not null ? Token.ToString() : ClientCertificate is not null ? "client certificate" : BasicAuth is not null ? "basic auth" : "anonymous")})";
}
