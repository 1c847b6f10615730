using IcOperator.Kube.Resources;

namespace IcOperator.Kube.Watch;

/// <summary>One line of a watch stream.</summary>
public sealed class WatchEvent<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    public required WatchEventType Type { get; init; }

    /// <summary>The object for Added/Modified/Deleted; null for Bookmark and Error.</summary>
    public T? Object { get; init; }

    /// <summary>The resourceVersion to resume from after this event (empty for Error).</summary>
    public string ResourceVersion { get; init; } = string.Empty;

    /// <summary>The Status of an Error event.</summary>
    public V1Status? Status { get; init; }
}
