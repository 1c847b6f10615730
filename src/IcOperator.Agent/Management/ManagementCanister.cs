using System.Numerics;
using IcOperator.Agent.Transport;
using IcOperator.Agent.Wasm;
using IcOperator.Candid;

namespace IcOperator.Agent.Management;

/// <summary>
/// Typed calls to <c>aaaaa-aa</c> through an <see cref="IIcAgent"/>. Each call is routed by the right effective
/// canister id: the target canister (for chunked installs <c>target_canister</c>).
/// </summary>
public sealed class ManagementCanister(IIcAgent agent, Principal? provisionalEffectiveCanisterId = null) : IManagementCanister
{
    private static readonly Principal Id = Principal.ManagementCanister;

    private readonly IIcAgent agent = agent ?? throw new ArgumentNullException(nameof(agent));

    /// <summary>
    /// Routes provisional creation, which has no target yet: a canister id inside the local subnet's range. The default,
    /// the first canister id (<c>rwlgt-iiaaa-aaaaa-aaaaa-cai</c>), is in the range of a single-subnet local replica.
    /// </summary>
    public Principal ProvisionalEffectiveCanisterId { get; } = provisionalEffectiveCanisterId ?? Principal.FromCanisterIndex(0);

    public async Task<Principal> CreateCanisterAsync(CanisterSettings? settings, Principal effectiveCanisterId, CancellationToken cancellationToken = default) =>
        (await CallAsync<CreateCanisterArgs, CreateCanisterResult>("create_canister", new CreateCanisterArgs(settings, null), effectiveCanisterId, cancellationToken)).CanisterId;

    public async Task<Principal> ProvisionalCreateCanisterWithCyclesAsync(BigInteger? amount, CanisterSettings? settings, Principal? specifiedId = null, CancellationToken cancellationToken = default) =>
        ManagementCalls.CreatedCanister(await SendAsync(ManagementCalls.ProvisionalCreateCanisterWithCycles(amount, settings, specifiedId, ProvisionalEffectiveCanisterId), cancellationToken));

    public Task ProvisionalTopUpCanisterAsync(Principal canisterId, BigInteger amount, CancellationToken cancellationToken = default) =>
        CallAsync("provisional_top_up_canister", new ProvisionalTopUpCanisterArgs(canisterId, amount), canisterId, cancellationToken);

    public Task InstallCodeAsync(Principal canisterId, CanisterInstallMode mode, byte[] wasmModule, byte[] arg, CancellationToken cancellationToken = default) =>
        SendAsync(ManagementCalls.InstallCode(canisterId, mode, wasmModule, arg), cancellationToken);

    public async Task<byte[]> UploadChunkAsync(Principal canisterId, ReadOnlyMemory<byte> chunk, CancellationToken cancellationToken = default)
    {
        if (chunk.Length > WasmModule.ChunkSize)
        {
            throw new ArgumentException($"upload_chunk for canister {canisterId}: a chunk holds at most {WasmModule.ChunkSize} bytes, found {chunk.Length}", nameof(chunk));
        }

        // The argument is the one chunk-sized array of the upload: the envelope sends it without copying it again.
        var reply = await agent.CallAsync(Id, "upload_chunk", UploadChunkArgument.Encode(canisterId, chunk.Span), canisterId, cancellationToken);
        return CandidSerializer.Decode<ChunkHash>(reply).Hash;
    }

    public async Task<IReadOnlyList<byte[]>> StoredChunksAsync(Principal canisterId, CancellationToken cancellationToken = default) =>
        (await CallAsync<CanisterIdRecord, List<ChunkHash>>("stored_chunks", new CanisterIdRecord(canisterId), canisterId, cancellationToken)).Select(c => c.Hash).ToList();

    public Task ClearChunkStoreAsync(Principal canisterId, CancellationToken cancellationToken = default) =>
        CallAsync("clear_chunk_store", new CanisterIdRecord(canisterId), canisterId, cancellationToken);

    public Task InstallChunkedCodeAsync(Principal targetCanister, CanisterInstallMode mode, IReadOnlyList<byte[]> chunkHashes, byte[] wasmModuleHash, byte[] arg, Principal? storeCanister = null, CancellationToken cancellationToken = default) =>
        SendAsync(ManagementCalls.InstallChunkedCode(targetCanister, mode, chunkHashes, wasmModuleHash, arg, storeCanister), cancellationToken);

    public Task UninstallCodeAsync(Principal canisterId, CancellationToken cancellationToken = default) =>
        CallAsync("uninstall_code", new UninstallCodeArgs(canisterId, null), canisterId, cancellationToken);

    public Task<CanisterStatusResult> CanisterStatusAsync(Principal canisterId, CancellationToken cancellationToken = default) =>
        CallAsync<CanisterIdRecord, CanisterStatusResult>("canister_status", new CanisterIdRecord(canisterId), canisterId, cancellationToken);

    public Task UpdateSettingsAsync(Principal canisterId, CanisterSettings settings, CancellationToken cancellationToken = default) =>
        CallAsync("update_settings", new UpdateSettingsArgs(canisterId, settings, null), canisterId, cancellationToken);

    public Task StartCanisterAsync(Principal canisterId, CancellationToken cancellationToken = default) =>
        CallAsync("start_canister", new CanisterIdRecord(canisterId), canisterId, cancellationToken);

    public Task StopCanisterAsync(Principal canisterId, CancellationToken cancellationToken = default) =>
        CallAsync("stop_canister", new CanisterIdRecord(canisterId), canisterId, cancellationToken);

    public Task DeleteCanisterAsync(Principal canisterId, CancellationToken cancellationToken = default) =>
        CallAsync("delete_canister", new CanisterIdRecord(canisterId), canisterId, cancellationToken);

    public async Task<Snapshot> TakeCanisterSnapshotAsync(Principal canisterId, byte[]? replaceSnapshot = null, CancellationToken cancellationToken = default) =>
        ManagementCalls.TakenSnapshot(await SendAsync(ManagementCalls.TakeCanisterSnapshot(canisterId, replaceSnapshot), cancellationToken));

    public Task LoadCanisterSnapshotAsync(Principal canisterId, byte[] snapshotId, CancellationToken cancellationToken = default) =>
        SendAsync(ManagementCalls.LoadCanisterSnapshot(canisterId, snapshotId), cancellationToken);

    public async Task<IReadOnlyList<Snapshot>> ListCanisterSnapshotsAsync(Principal canisterId, CancellationToken cancellationToken = default) =>
        await CallAsync<CanisterIdRecord, List<Snapshot>>("list_canister_snapshots", new CanisterIdRecord(canisterId), canisterId, cancellationToken);

    public Task DeleteCanisterSnapshotAsync(Principal canisterId, byte[] snapshotId, CancellationToken cancellationToken = default) =>
        CallAsync("delete_canister_snapshot", new DeleteCanisterSnapshotArgs(canisterId, snapshotId), canisterId, cancellationToken);

    public async Task<IReadOnlyList<CanisterLogRecord>> FetchCanisterLogsAsync(Principal canisterId, CancellationToken cancellationToken = default)
    {
        var reply = await agent.QueryAsync(Id, "fetch_canister_logs", CandidSerializer.Encode(new CanisterIdRecord(canisterId)), canisterId, cancellationToken);
        return CandidSerializer.Decode<FetchCanisterLogsResult>(reply).CanisterLogRecords;
    }

    /// <summary>
    /// Installs a module directly, or through the chunk store when module plus argument exceed what one message carries:
    /// uploads only the chunks not stored yet (so a repeated attempt resumes), installs, then clears the store.
    /// </summary>
    public async Task InstallModuleAsync(Principal canisterId, WasmModule module, CanisterInstallMode mode, byte[] arg, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(arg);
        if (!module.NeedsChunkedInstall(arg.Length))
        {
            await InstallCodeAsync(canisterId, mode, module.ModuleBytes.ToArray(), arg, cancellationToken);
            return;
        }

        await new ChunkedInstaller(this).InstallAsync(canisterId, mode, module.Chunks(), module.Sha256, arg, cancellationToken: cancellationToken);
        await ClearChunkStoreAsync(canisterId, cancellationToken);
    }

    private Task<byte[]> SendAsync(CanisterCall call, CancellationToken cancellationToken) =>
        agent.CallAsync(call.CanisterId, call.Method, call.Arg, call.EffectiveCanisterId, cancellationToken);

    private async Task<TResult> CallAsync<TArgs, TResult>(string method, TArgs args, Principal effectiveCanisterId, CancellationToken cancellationToken)
    {
        var reply = await agent.CallAsync(Id, method, CandidSerializer.Encode(args), effectiveCanisterId, cancellationToken);
        return CandidSerializer.Decode<TResult>(reply);
    }

    private async Task CallAsync<TArgs>(string method, TArgs args, Principal effectiveCanisterId, CancellationToken cancellationToken) =>
        await agent.CallAsync(Id, method, CandidSerializer.Encode(args), effectiveCanisterId, cancellationToken);
}
