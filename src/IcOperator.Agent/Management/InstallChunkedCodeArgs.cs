using IcOperator.Candid;

namespace IcOperator.Agent.Management;

/// <summary>Argument of <c>install_chunked_code</c>.</summary>
public sealed record InstallChunkedCodeArgs(CanisterInstallMode Mode, Principal TargetCanister, Principal? StoreCanister, IReadOnlyList<ChunkHash> ChunkHashesList, byte[] WasmModuleHash, byte[] Arg, ulong? SenderCanisterVersion);
