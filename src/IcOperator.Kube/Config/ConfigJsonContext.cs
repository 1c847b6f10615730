using System.Text.Json.Serialization;

namespace IcOperator.Kube.Config;

/// <summary>Source-generated JSON for the exec credential protocol.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ExecCredential))]
internal sealed partial class ConfigJsonContext : JsonSerializerContext;
