namespace IcOperator.Kube.Client;

/// <summary>Where a watch starts and how long the server keeps it open.</summary>
public sealed record WatchOptions
{
    public string? ResourceVersion { get; init; }

    public string? LabelSelector { get; init; }

    public string? FieldSelector { get; init; }

    public bool AllowWatchBookmarks { get; init; } = true;

    /// <summary>Server-side timeout; the reflector randomises it between 5 and 10 minutes.</summary>
    public TimeSpan? Timeout { get; init; }
}
