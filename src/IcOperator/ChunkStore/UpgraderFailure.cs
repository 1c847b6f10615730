namespace IcOperator.ChunkStore;

/// <summary>
/// The step of an upgrade that the IC refused, its reject code and message, and whether the upgrader left the
/// canister stopped (its start failed) rather than running.
/// </summary>
internal sealed record UpgraderFailure(string Step, uint RejectCode, string Message, bool Stopped);
