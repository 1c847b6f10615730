using System.Text.Json.Serialization;

namespace IcOperator.Api.V1Alpha1;

/// <summary>
/// The last step of an operation that completed, recorded after the step so a restarted operator
/// resumes where it stopped. Only what cannot be observed on the IC is recorded here.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<OperationStep>))]
public enum OperationStep
{
    /// <summary>The operation is recorded; nothing has been done yet.</summary>
    Started,

    /// <summary>The snapshot is taken and its id recorded.</summary>
    SnapshotTaken,

    /// <summary>The IC refused the install (for example a trap in post_upgrade); the module did not change.</summary>
    InstallRejected,

    /// <summary>The health check failed after the install.</summary>
    Unhealthy,

    /// <summary>The health check passed after the install.</summary>
    Healthy,

    /// <summary>The snapshot was loaded back.</summary>
    SnapshotLoaded,
}
