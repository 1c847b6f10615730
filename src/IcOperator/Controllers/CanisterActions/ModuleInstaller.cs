using System.Security.Cryptography;
using IcOperator.Agent.Management;
using IcOperator.Agent.Transport;
using IcOperator.Api.V1Alpha1;
using IcOperator.Orchestration;

namespace IcOperator.Controllers.CanisterActions;

/// <summary>
/// Puts a module on a canister: from the network's shared chunk store when it has one (the chunks went up
/// once for every canister), else in one install_code message, or through the canister's own chunk store
/// (uploading only chunks it does not hold, clearing it afterwards). A reject is recorded, not thrown: the
/// IC keeps the old module.
/// </summary>
internal static class ModuleInstaller
{
    public static async Task<CanisterDeploymentStatus> InstallAsync(CanisterActionContext context, CanisterInstallMode mode, bool chunked, CancellationToken cancellationToken)
    {
        var canister = context.RequireCanister();
        var module = context.RequireModule();
        var management = context.Network.Management;
        try
        {
            if (context.Network.ChunkStore is { } store)
            {
                await InstallFromStoreAsync(context, store, canister, mode, module, cancellationToken);
            }
            else if (!chunked)
            {
                await management.InstallCodeAsync(canister, mode, module.Bytes, context.Argument, cancellationToken);
            }
            else
            {
                var stored = (await management.StoredChunksAsync(canister, cancellationToken)).Select(Convert.ToHexStringLower).ToList();
                foreach (var index in InstallStrategy.MissingChunks(module.ChunkHashes, stored))
                {
                    var chunk = module.Chunk(index).ToArray();
                    await management.UploadChunkAsync(canister, chunk, cancellationToken);
                    context.Metrics.ChunkBytesUploaded.Inc(chunk.Length);
                }

                await management.InstallChunkedCodeAsync(
                    canister,
                    mode,
                    module.ChunkHashes.Select(Convert.FromHexString).ToList(),
                    SHA256.HashData(module.Bytes),
                    context.Argument,
                    cancellationToken: cancellationToken);
                await management.ClearChunkStoreAsync(canister, cancellationToken);
            }

            return context.Status;
        }
        catch (IcRejectException e)
        {
            if (context.Network.ChunkStore is { } store && e.RejectMessage.Contains("chunk store", StringComparison.OrdinalIgnoreCase))
            {
                // Someone cleared the shared store behind our back: list it again before the retry.
                store.Forget();
            }

            var operation = context.Status.LastOperation!;
            return context.Status with
            {
                LastOperation = operation with
                {
                    Step = OperationStep.InstallRejected,
                    Message = $"The IC rejected the install of version {operation.To} ({e.ErrorCode ?? e.RejectCode.ToString()}): {e.RejectMessage}",
                },
            };
        }
    }

    /// <summary>
    /// Uploads what the shared store lacks (normally nothing: an earlier install or the step before the stop did it),
    /// then installs from it. The lease keeps the store from being cleared until install_chunked_code has returned.
    /// </summary>
    public static async Task<IDisposable> LeaseChunksAsync(CanisterActionContext context, NetworkChunkStore store, Wasm.WasmModule module, CancellationToken cancellationToken) =>
        await store.LeaseAsync(module, bytes => context.Metrics.ChunkBytesUploaded.Inc(bytes), cancellationToken);

    private static async Task InstallFromStoreAsync(CanisterActionContext context, NetworkChunkStore store, Candid.Principal canister, CanisterInstallMode mode, Wasm.WasmModule module, CancellationToken cancellationToken)
    {
        using var lease = await LeaseChunksAsync(context, store, module, cancellationToken);
        await context.Network.Management.InstallChunkedCodeAsync(
            canister,
            mode,
            module.ChunkHashes.Select(Convert.FromHexString).ToList(),
            Convert.FromHexString(module.Sha256),
            context.Argument,
            store.CanisterId,
            cancellationToken);
    }
}
