using System.Security.Cryptography;
using IcOperator.Agent.Management;
using IcOperator.Agent.Transport;
using IcOperator.Api.V1Alpha1;
using IcOperator.Orchestration;

namespace IcOperator.Controllers.CanisterActions;

/// <summary>
/// Puts a module on a canister: in one install_code message, or through the chunk store (uploading only
/// chunks it does not hold, clearing it afterwards). A reject is recorded, not thrown: the IC keeps the old module.
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
            if (!chunked)
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
}
