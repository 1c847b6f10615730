using System.Text.Json;
using System.Text.Json.Serialization;
using IcOperator.Api.V1Alpha1;
using k8s;

namespace IcOperator.Api;

/// <summary>
/// JSON for the operator's kinds, as the API server stores them (camelCase, nulls omitted); metadata dates
/// in the official client's format, so an object read and written back is unchanged.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    Converters = [typeof(KubernetesJson.KubernetesDateTimeConverter)])]
[JsonSerializable(typeof(IcNetwork))]
[JsonSerializable(typeof(WasmTemplate))]
[JsonSerializable(typeof(CanisterDeployment))]
[JsonSerializable(typeof(PackageInstallation))]
[JsonSerializable(typeof(IcNetworkStatus))]
[JsonSerializable(typeof(WasmTemplateStatus))]
[JsonSerializable(typeof(CanisterDeploymentStatus))]
[JsonSerializable(typeof(PackageInstallationStatus))]
[JsonSerializable(typeof(CanisterDeploymentSpec))]
// managedFields[].fieldsV1 in every object's metadata is free-form JSON.
[JsonSerializable(typeof(JsonElement))]
public sealed partial class OperatorJsonContext : JsonSerializerContext;
