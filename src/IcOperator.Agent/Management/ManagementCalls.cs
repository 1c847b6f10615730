using System.Numerics;
using IcOperator.Agent.Transport;
using IcOperator.Candid;

namespace IcOperator.Agent.Management;

/// <summary>
/// The management canister's state-changing calls as data, for callers that prepare and record a call before sending
/// it, and the decoders of their replies. <see cref="ManagementCanister"/> sends the same calls.
/// </summary>
public static class ManagementCalls
{
    public static CanisterCall ProvisionalCreateCanisterWithCycles(BigInteger? amount, CanisterSettings? settings, Principal? specifiedId, Principal effectiveCanisterId) =>
        Of("provisional_create_canister_with_cycles", new ProvisionalCreateCanisterWithCyclesArgs(amount, settings, specifiedId, null), specifiedId ?? effectiveCanisterId);

    public static CanisterCall InstallCode(Principal canisterId, CanisterInstallMode mode, byte[] wasmModule, byte[] arg) =>
        Of("install_code", new InstallCodeArgs(mode, canisterId, wasmModule, arg, null), canisterId);

    public static CanisterCall InstallChunkedCode(Principal targetCanister, CanisterInstallMode mode, IReadOnlyList<byte[]> chunkHashes, byte[] wasmModuleHash, byte[] arg, Principal? storeCanister = null)
    {
        ArgumentNullException.ThrowIfNull(chunkHashes);
        return Of("install_chunked_code", new InstallChunkedCodeArgs(mode, targetCanister, storeCanister, chunkHashes.Select(h => new ChunkHash(h)).ToList(), wasmModuleHash, arg, null), targetCanister);
    }

    public static CanisterCall TakeCanisterSnapshot(Principal canisterId, byte[]? replaceSnapshot = null) =>
        Of("take_canister_snapshot", new TakeCanisterSnapshotArgs(canisterId, replaceSnapshot, null, null), canisterId);

    public static CanisterCall LoadCanisterSnapshot(Principal canisterId, byte[] snapshotId) =>
        Of("load_canister_snapshot", new LoadCanisterSnapshotArgs(canisterId, snapshotId, null), canisterId);

    /// <summary>The canister a create call replied with.</summary>
    public static Principal CreatedCanister(byte[] reply) => CandidSerializer.Decode<CreateCanisterResult>(reply).CanisterId;

    /// <summary>The snapshot take_canister_snapshot replied with.</summary>
    public static Snapshot TakenSnapshot(byte[] reply) => CandidSerializer.Decode<Snapshot>(reply);

    private static CanisterCall Of<TArgs>(string method, TArgs args, Principal effectiveCanisterId) =>
        new(Principal.ManagementCanister, method, CandidSerializer.Encode(args), effectiveCanisterId);
}
