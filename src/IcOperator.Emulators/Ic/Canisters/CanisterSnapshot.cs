namespace IcOperator.Emulators.Ic.Canisters;

/// <summary>A snapshot as kept by the replica: the module, the key-value state, when it was taken.</summary>
internal sealed record CanisterSnapshot(
    byte[] Id,
    DateTimeOffset TakenAt,
    InstalledModule Module,
    IReadOnlyDictionary<string, byte[]> State)
{
    public long TotalSize => Module.Module.Bytes.Length + State.Sum(kv => (long)kv.Key.Length + kv.Value.Length);
}
