namespace IcOperator.Candid.Tests.Typed;

public sealed record InstallChunkedCodeArgs(
    CanisterInstallMode Mode,
    Principal TargetCanister,
    Principal? StoreCanister,
    IReadOnlyList<ChunkHash> ChunkHashesList,
    byte[] WasmModuleHash,
    byte[] Arg,
    ulong? SenderCanisterVersion);
