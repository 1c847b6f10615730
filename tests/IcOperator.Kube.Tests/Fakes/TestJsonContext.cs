using System.Text.Json;
using System.Text.Json.Serialization;

namespace IcOperator.Kube.Tests.Fakes;

/// <summary>The test kinds' own source-generated JSON, as an operator declares one for its kinds.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    Converters = [typeof(KubernetesJson.KubernetesDateTimeConverter)])]
[JsonSerializable(typeof(Widget))]

// managedFields[].fieldsV1 in every object's metadata is free-form JSON.
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class TestJsonContext : JsonSerializerContext;
