using IcOperator.Emulators.Ic.Wasm;

namespace IcOperator.Emulators.Ic.Canisters;

/// <summary>
/// A snapshot as kept by the replica: the module, the key-value state, when it was taken; for a module that runs
/// for real also its main memory and globals, its stable memory and certified data; and the chunk store.
/// </summary>
internal sealed record CanisterSnapshot(
    byte[] Id,
    DateTimeOffset TakenAt,
    InstalledModule Module,
    IReadOnlyDictionary<string, byte[]> State)
{
    public WasmMemoryImage? Memory { get; init; }

    public StableMemory? StableMemory { get; init; }

    public byte[] CertifiedData { get; init; } = [];

    public IReadOnlyList<byte[]> Chunks { get; init; } = [];

    public long TotalSize => Module.Module.Bytes.Length + State.Sum(kv => (long)kv.Key.Length + kv.Value.Length)
        + (Memory?.Size ?? 0) + (StableMemory?.SizeInBytes ?? 0) + Chunks.Sum(c => (long)c.Length);
}
