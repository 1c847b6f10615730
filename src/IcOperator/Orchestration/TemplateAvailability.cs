namespace IcOperator.Orchestration;

/// <summary>Whether the template version a deployment asks for can be used.</summary>
public enum TemplateAvailability
{
    /// <summary>Fetched and verified: <see cref="CanisterPlanInput.Module"/> is set.</summary>
    Verified,

    /// <summary>No WasmTemplate of that name.</summary>
    TemplateNotFound,

    /// <summary>The template exists but no longer lists the version.</summary>
    VersionMissing,

    /// <summary>The version is listed but not (yet) verified.</summary>
    NotVerified,
}
