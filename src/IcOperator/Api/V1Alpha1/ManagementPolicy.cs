using System.Text.Json.Serialization;

namespace IcOperator.Api.V1Alpha1;

/// <summary>How far the operator may act on a canister.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ManagementPolicy>))]
public enum ManagementPolicy
{
    /// <summary>Create, install, upgrade and correct drift.</summary>
    Full,

    /// <summary>Read and report; never change the canister.</summary>
    ObserveOnly,
}
