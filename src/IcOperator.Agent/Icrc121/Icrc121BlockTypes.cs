namespace IcOperator.Agent.Icrc121;

/// <summary>The <c>btype</c>s ICRC-121 defines for Wasm orchestration, and where the standard lives.</summary>
public static class Icrc121BlockTypes
{
    public const string StandardUrl = "https://github.com/dfinity/ICRC/issues/121";

    public const string UpgradeTo = "121upgrade_to";
    public const string UpgradeFinished = "121upgrade_finished";
    public const string Snapshot = "121snapshot";
    public const string SnapshotFinished = "121snapshot_finished";
    public const string CleanSnapshot = "121clean_snapshot";
    public const string RevertSnapshot = "121revert_snapshot";
    public const string RevertResult = "121revert_result";
    public const string Config = "121config";
    public const string Start = "121start";
    public const string Stop = "121stop";

    public static IReadOnlyList<string> All { get; } =
        [UpgradeTo, UpgradeFinished, Snapshot, SnapshotFinished, CleanSnapshot, RevertSnapshot, RevertResult, Config, Start, Stop];
}
