using System.Text.Json.Serialization;

namespace IcOperator.Api.V1Alpha1;

/// <summary>Where a CanisterDeployment is in its life, at a glance.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CanisterPhase>))]
public enum CanisterPhase
{
    Pending,
    Creating,
    Installing,
    Upgrading,
    Verifying,
    RollingBack,
    Restoring,
    Ready,
    Failed,
    Suspended,
    Deleting,
}
