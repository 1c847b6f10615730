namespace IcOperator.Emulators.Ic.Canisters;

/// <summary>A snapshot as <c>list_canister_snapshots</c> reports it.</summary>
public sealed record SnapshotInfo(byte[] Id, DateTimeOffset TakenAt, long TotalSize)
{
    public string IdHex => Convert.ToHexStringLower(Id);
}
