using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using IcOperator.Kube.Client;

namespace IcOperator.Kube.Serialization;

/// <summary>
/// Source-generated JSON for the official client's core models this library uses, with the client's own
/// date format (<see cref="KubernetesJson.KubernetesDateTimeConverter"/>: RFC 3339, whole seconds or six
/// fractional digits). An operator declares its own context for its resource types with the same options.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    Converters = [typeof(KubernetesJson.KubernetesDateTimeConverter)])]
[JsonSerializable(typeof(V1Namespace))]
[JsonSerializable(typeof(V1Secret))]
[JsonSerializable(typeof(V1ConfigMap))]
[JsonSerializable(typeof(Eventsv1Event))]
[JsonSerializable(typeof(V1Lease))]
[JsonSerializable(typeof(V1Status))]
[JsonSerializable(typeof(V1ListMeta))]
[JsonSerializable(typeof(V1ObjectMeta))]
[JsonSerializable(typeof(DeleteOptions))]
[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(JsonElement))]
public sealed partial class KubeJsonContext : JsonSerializerContext;
