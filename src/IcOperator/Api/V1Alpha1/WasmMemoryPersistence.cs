using System.Text.Json.Serialization;

namespace IcOperator.Api.V1Alpha1;

/// <summary>What an upgrade does with the Wasm memory of a module using enhanced orthogonal persistence.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WasmMemoryPersistence>))]
public enum WasmMemoryPersistence
{
    [JsonStringEnumMemberName("keep")]
    Keep,

    [JsonStringEnumMemberName("replace")]
    Replace,
}
