namespace IcOperator.Kube.Resources;

/// <summary>core/v1 Secret. <see cref="Data"/> values are raw bytes (base64 on the wire).</summary>
public sealed class Secret : IKubernetesObject
{
    public string? ApiVersion { get; set; } = "v1";

    public string? Kind { get; set; } = "Secret";

    public ObjectMeta Metadata { get; set; } = new();

    public string? Type { get; set; }

    public bool? Immutable { get; set; }

    public Dictionary<string, byte[]>? Data { get; set; }

    public Dictionary<string, string>? StringData { get; set; }
}
