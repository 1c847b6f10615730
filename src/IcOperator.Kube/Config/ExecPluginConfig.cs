namespace IcOperator.Kube.Config;

/// <summary>A kubeconfig <c>user.exec</c> entry (the command EKS, GKE and AKS use to mint tokens).</summary>
public sealed record ExecPluginConfig
{
    public required string Command { get; init; }

    public IReadOnlyList<string> Args { get; init; } = [];

    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();

    public string ApiVersion { get; init; } = "client.authentication.k8s.io/v1beta1";

    /// <summary>Where a relative command is resolved (the kubeconfig's directory).</summary>
    public string? WorkingDirectory { get; init; }
}
