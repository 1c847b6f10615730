namespace IcOperator.Kube.Config;

/// <summary>What a client.authentication.k8s.io exec plugin prints on stdout.</summary>
internal sealed class ExecCredential
{
    public string? ApiVersion { get; set; }

    public string? Kind { get; set; }

    public ExecCredentialStatus? Status { get; set; }
}
