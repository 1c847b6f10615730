namespace IcOperator.Kube.Watch;

/// <summary>The <c>type</c> of a watch event.</summary>
public enum WatchEventType
{
    Added,
    Modified,
    Deleted,

    /// <summary>Only a newer resourceVersion to resume from; no object changed.</summary>
    Bookmark,

    /// <summary>The server ended the watch with a Status (410 Expired: list again).</summary>
    Error,
}
