namespace IcOperator.Kube.Config;

/// <summary>The credential an exec plugin returned and until when it is valid.</summary>
internal sealed class ExecCredentialStatus
{
    public string? Token { get; set; }

    public DateTimeOffset? ExpirationTimestamp { get; set; }

    public string? ClientCertificateData { get; set; }

    public string? ClientKeyData { get; set; }
}
