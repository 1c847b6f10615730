using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using IcOperator.Kube.Client;
using IcOperator.Kube.Resources;

namespace IcOperator.Kube.Serialization;

/// <summary>
/// Source-generated JSON for the core types this library uses. An operator declares its own context for
/// its resource types with the same options (camelCase, nulls omitted, enums as strings).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(Namespace))]
[JsonSerializable(typeof(Secret))]
[JsonSerializable(typeof(ConfigMap))]
[JsonSerializable(typeof(Event))]
[JsonSerializable(typeof(Lease))]
[JsonSerializable(typeof(KubeStatus))]
[JsonSerializable(typeof(ListMeta))]
[JsonSerializable(typeof(ObjectMeta))]
[JsonSerializable(typeof(DeleteOptions))]
[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(JsonElement))]
public sealed partial class KubeJsonContext : JsonSerializerContext;
