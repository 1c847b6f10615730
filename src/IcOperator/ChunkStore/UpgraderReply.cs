namespace IcOperator.ChunkStore;

/// <summary>The upgrader's answer: the snapshot it took (hex), and the failed step, if one failed.</summary>
internal sealed record UpgraderReply(string? SnapshotId, UpgraderFailure? Failure);
