using System.Text.Json.Serialization;

namespace IcOperator.Api.V1Alpha1;

/// <summary>Who may read the canister's logs.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LogVisibility>))]
public enum LogVisibility
{
    [JsonStringEnumMemberName("controllers")]
    Controllers,

    [JsonStringEnumMemberName("public")]
    Public,
}
