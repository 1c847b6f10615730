namespace IcOperator.Kube.Client;

/// <summary>Field ownership for a patch (required by server-side apply) and whether to take over conflicting fields.</summary>
public sealed record PatchOptions
{
    public string? FieldManager { get; init; }

    /// <summary>Only for apply patches: take fields owned by another manager instead of failing with a conflict.</summary>
    public bool? Force { get; init; }
}
