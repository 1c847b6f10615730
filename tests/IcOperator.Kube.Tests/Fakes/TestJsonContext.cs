using System.Text.Json.Serialization;

namespace IcOperator.Kube.Tests.Fakes;

/// <summary>The test kinds' own source-generated JSON, as an operator declares one for its kinds.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(Widget))]
internal sealed partial class TestJsonContext : JsonSerializerContext;
