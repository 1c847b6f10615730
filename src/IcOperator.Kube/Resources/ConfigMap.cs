namespace IcOperator.Kube.Resources;

/// <summary>core/v1 ConfigMap.</summary>
public sealed class ConfigMap : IKubernetesObject
{
    public string? ApiVersion { get; set; } = "v1";

    public string? Kind { get; set; } = "ConfigMap";

    public ObjectMeta Metadata { get; set; } = new();

    public bool? Immutable { get; set; }

    public Dictionary<string, string>? Data { get; set; }

    public Dictionary<string, byte[]>? BinaryData { get; set; }
}
