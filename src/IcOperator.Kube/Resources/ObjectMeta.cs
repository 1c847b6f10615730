using System.Text.Json;
using System.Text.Json.Serialization;
using IcOperator.Kube.Serialization;

namespace IcOperator.Kube.Resources;

/// <summary>metadata of every object (meta/v1 ObjectMeta).</summary>
public sealed class ObjectMeta
{
    public string? Name { get; set; }

    public string? GenerateName { get; set; }

    public string? Namespace { get; set; }

    public string? Uid { get; set; }

    public string? ResourceVersion { get; set; }

    public long? Generation { get; set; }

    [JsonConverter(typeof(KubeTimeConverter))]
    public DateTimeOffset? CreationTimestamp { get; set; }

    [JsonConverter(typeof(KubeTimeConverter))]
    public DateTimeOffset? DeletionTimestamp { get; set; }

    public long? DeletionGracePeriodSeconds { get; set; }

    public Dictionary<string, string>? Labels { get; set; }

    public Dictionary<string, string>? Annotations { get; set; }

    public List<string>? Finalizers { get; set; }

    public List<OwnerReference>? OwnerReferences { get; set; }

    /// <summary>Fields this model does not name (managedFields, …), kept so an update does not drop them.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
