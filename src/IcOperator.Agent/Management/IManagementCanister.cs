using System.Numerics;
using IcOperator.Candid;

namespace IcOperator.Agent.Management;

/// <summary>The management canister (<c>aaaaa-aa</c>) methods the operator uses, as typed calls.</summary>
public interface IManagementCanister
{
    /// <summary>Routes provisional creation without a specified id: a canister id inside the local subnet's range.</summary>
    Principal ProvisionalEffectiveCanisterId { get; }

    /// <summary>Only canisters may call create_canister on mainnet; use the cycles ledger there.</summary>
    Task<Principal> CreateCanisterAsync(CanisterSettings? settings, Principal effectiveCanisterId, CancellationToken cancellationToken = default);

    Task<Principal> ProvisionalCreateCanisterWithCyclesAsync(BigInteger? amount, CanisterSettings? settings, Principal? specifiedId = null, CancellationToken cancellationToken = default);

    Task ProvisionalTopUpCanisterAsync(Principal canisterId, BigInteger amount, CancellationToken cancellationToken = default);

    Task InstallCodeAsync(Principal canisterId, CanisterInstallMode mode, byte[] wasmModule, byte[] arg, CancellationToken cancellationToken = default);

    /// <summary>Uploads at most 1 MiB; returns the chunk's hash as the chunk store records it.</summary>
    Task<byte[]> UploadChunkAsync(Principal canisterId, ReadOnlyMemory<byte> chunk, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<byte[]>> StoredChunksAsync(Principal canisterId, CancellationToken cancellationToken = default);

    Task ClearChunkStoreAsync(Principal canisterId, CancellationToken cancellationToken = default);

    Task InstallChunkedCodeAsync(Principal targetCanister, CanisterInstallMode mode, IReadOnlyList<byte[]> chunkHashes, byte[] wasmModuleHash, byte[] arg, Principal? storeCanister = null, CancellationToken cancellationToken = default);

    Task UninstallCodeAsync(Principal canisterId, CancellationToken cancellationToken = default);

    Task<CanisterStatusResult> CanisterStatusAsync(Principal canisterId, CancellationToken cancellationToken = default);

    Task UpdateSettingsAsync(Principal canisterId, CanisterSettings settings, CancellationToken cancellationToken = default);

    Task StartCanisterAsync(Principal canisterId, CancellationToken cancellationToken = default);

    Task StopCanisterAsync(Principal canisterId, CancellationToken cancellationToken = default);

    Task DeleteCanisterAsync(Principal canisterId, CancellationToken cancellationToken = default);

    Task<Snapshot> TakeCanisterSnapshotAsync(Principal canisterId, byte[]? replaceSnapshot = null, CancellationToken cancellationToken = default);

    Task LoadCanisterSnapshotAsync(Principal canisterId, byte[] snapshotId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Snapshot>> ListCanisterSnapshotsAsync(Principal canisterId, CancellationToken cancellationToken = default);

    Task DeleteCanisterSnapshotAsync(Principal canisterId, byte[] snapshotId, CancellationToken cancellationToken = default);

    /// <summary>A query: logs are read without consensus.</summary>
    Task<IReadOnlyList<CanisterLogRecord>> FetchCanisterLogsAsync(Principal canisterId, CancellationToken cancellationToken = default);
}
