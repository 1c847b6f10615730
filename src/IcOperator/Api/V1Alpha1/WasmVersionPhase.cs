using System.Text.Json.Serialization;

namespace IcOperator.Api.V1Alpha1;

/// <summary>How far a template version has got.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WasmVersionPhase>))]
public enum WasmVersionPhase
{
    Pending,
    Fetching,
    Verified,
    Failed,
}
