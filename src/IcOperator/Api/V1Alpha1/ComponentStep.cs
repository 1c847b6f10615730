using System.Text.Json.Serialization;

namespace IcOperator.Api.V1Alpha1;

/// <summary>How far one component of a package upgrade got; recorded before the step that acts on it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ComponentStep>))]
public enum ComponentStep
{
    /// <summary>Not touched yet.</summary>
    Pending,

    /// <summary>Its CanisterDeployment was asked for the new version.</summary>
    Upgrading,

    /// <summary>It runs the new version and is Ready.</summary>
    Upgraded,

    /// <summary>Its upgrade failed (its CanisterDeployment rolled itself back).</summary>
    Failed,

    /// <summary>Its CanisterDeployment was asked to load the snapshot taken before the upgrade.</summary>
    Restoring,

    /// <summary>The snapshot is loaded: it runs the old version with the old state.</summary>
    Restored,

    /// <summary>The snapshot could not be loaded; the message says why.</summary>
    RestoreFailed,
}
