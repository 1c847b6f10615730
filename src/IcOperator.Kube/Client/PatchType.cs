namespace IcOperator.Kube.Client;

/// <summary>The patch formats the API server accepts.</summary>
public enum PatchType
{
    /// <summary>RFC 7386 JSON merge patch.</summary>
    Merge,

    /// <summary>RFC 6902 JSON patch (a list of operations; <c>test</c> gives preconditions).</summary>
    Json,

    /// <summary>Kubernetes strategic merge patch (built-in kinds only).</summary>
    StrategicMerge,

    /// <summary>Server-side apply; needs a field manager.</summary>
    Apply,
}
