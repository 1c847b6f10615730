namespace IcOperator.Kube.Resources;

/// <summary>core/v1 Namespace.</summary>
public sealed class Namespace : IKubernetesObject
{
    public string? ApiVersion { get; set; } = "v1";

    public string? Kind { get; set; } = "Namespace";

    public ObjectMeta Metadata { get; set; } = new();

    public NamespaceStatus? Status { get; set; }
}
