using System.Text.Json.Serialization;

namespace IcOperator.Api.V1Alpha1;

/// <summary>What deleting a CanisterDeployment does to its canister.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DeletionPolicy>))]
public enum DeletionPolicy
{
    /// <summary>Leave the canister running.</summary>
    Retain,

    /// <summary>Stop the canister and leave it.</summary>
    Stop,

    /// <summary>Stop and delete the canister.</summary>
    Delete,
}
