using System.Text.Json.Serialization;
using IcOperator.Api.V1Alpha1;

namespace IcOperator.Api;

/// <summary>JSON for the operator's kinds, as the API server stores them (camelCase, nulls omitted).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(IcNetwork))]
[JsonSerializable(typeof(WasmTemplate))]
[JsonSerializable(typeof(CanisterDeployment))]
[JsonSerializable(typeof(PackageInstallation))]
[JsonSerializable(typeof(IcNetworkStatus))]
[JsonSerializable(typeof(WasmTemplateStatus))]
[JsonSerializable(typeof(CanisterDeploymentStatus))]
[JsonSerializable(typeof(PackageInstallationStatus))]
[JsonSerializable(typeof(CanisterDeploymentSpec))]
public sealed partial class OperatorJsonContext : JsonSerializerContext;
