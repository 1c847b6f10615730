using System.Text.Json.Serialization;

namespace IcOperator.Api;

/// <summary>The parts of Kubernetes object metadata the operator reads and writes.</summary>
public sealed record ObjectMeta
{
    public string? Name { get; init; }

    [JsonPropertyName("namespace")]
    public string? Namespace { get; init; }

    public string? Uid { get; init; }

    public string? ResourceVersion { get; init; }

    public long? Generation { get; init; }

    public DateTimeOffset? CreationTimestamp { get; init; }

    public DateTimeOffset? DeletionTimestamp { get; init; }

    public Dictionary<string, string>? Labels { get; init; }

    public Dictionary<string, string>? Annotations { get; init; }

    public List<string>? Finalizers { get; init; }

    public List<OwnerReference>? OwnerReferences { get; init; }
}
