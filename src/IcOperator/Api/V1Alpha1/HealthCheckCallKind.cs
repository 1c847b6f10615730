using System.Text.Json.Serialization;

namespace IcOperator.Api.V1Alpha1;

/// <summary>How the health check method is called.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<HealthCheckCallKind>))]
public enum HealthCheckCallKind
{
    [JsonStringEnumMemberName("query")]
    Query,

    [JsonStringEnumMemberName("update")]
    Update,
}
