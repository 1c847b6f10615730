using System.Text.Json.Serialization;

namespace IcOperator.Api.V1Alpha1;

/// <summary>How a recorded update call ended.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CallResult>))]
public enum CallResult
{
    /// <summary>The canister replied.</summary>
    Replied,

    /// <summary>The canister or the IC rejected the call (a trap, a reject, a stopped canister).</summary>
    Rejected,

    /// <summary>The call was sent before a restart and its outcome can no longer be read.</summary>
    Unknown,
}
