namespace IcOperator.Kube.Client;

/// <summary>Selectors, pagination and the resourceVersion semantics of a list.</summary>
public sealed record ListOptions
{
    public string? LabelSelector { get; init; }

    public string? FieldSelector { get; init; }

    /// <summary>Page size; the server returns a continue token when more remain.</summary>
    public int? Limit { get; init; }

    public string? Continue { get; init; }

    /// <summary>"" (most recent, quorum read), "0" (any, may be served from cache) or a specific version.</summary>
    public string? ResourceVersion { get; init; }
}
