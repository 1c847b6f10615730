using IcOperator.Agent.Management;
using IcOperator.Agent.Transport;
using IcOperator.Api.V1Alpha1;
using IcOperator.Controllers.Calls;
using IcOperator.Orchestration;

namespace IcOperator.Controllers.CanisterActions;

/// <summary>
/// Puts a module on a canister: from the network's shared chunk store when it has one (the chunks went up once
/// for every canister), else in one install_code message, or through the canister's own chunk store (uploading
/// only chunks it does not hold, clearing it afterwards). The install request is recorded in lastOperation.call
/// before it is sent; a recorded one is resolved from the IC by request id (the planner has already compared the
/// module hash), never sent again. A reject is recorded, not thrown: the IC keeps the old module.
/// </summary>
internal static class ModuleInstaller
{
    public static async Task<CanisterDeploymentStatus> InstallAsync(CanisterActionContext context, CanisterInstallMode mode, bool chunked, CancellationToken cancellationToken)
    {
        var canister = context.RequireCanister();
        var module = context.RequireModule();
        var management = context.Network.Management;
        var agent = context.Network.Agent;
        var operation = context.Status.LastOperation!;
        var shared = context.Network.ChunkStore;
        var outcome = operation.Call is { Method: "install_code" or "install_chunked_code" } recorded
            ? await ExactlyOnceCall.ReadAsync(agent, recorded, cancellationToken)
            : null;
        if (outcome is null)
        {
            // The module's hash was computed when it was read: hashing 5 MiB again here would add to the canister's downtime.
            CanisterCall call;
            using var lease = shared is null ? null : await LeaseChunksAsync(context, shared, module, cancellationToken);
            if (shared is not null)
            {
                call = ManagementCalls.InstallChunkedCode(canister, mode, module.ChunkHashes.Select(Convert.FromHexString).ToList(), Convert.FromHexString(module.Sha256), context.Argument, shared.CanisterId);
            }
            else if (!chunked)
            {
                call = ManagementCalls.InstallCode(canister, mode, module.Bytes, context.Argument);
            }
            else
            {
                await new ChunkedInstaller(management, context.Network.ParallelUploads).UploadAsync(canister, module.Chunks(), uploaded: chunk => context.Metrics.ChunkBytesUploaded.Inc(chunk.Content.Length), cancellationToken: cancellationToken);

                call = ManagementCalls.InstallChunkedCode(canister, mode, module.ChunkHashes.Select(Convert.FromHexString).ToList(), Convert.FromHexString(module.Sha256), context.Argument);
            }

            outcome = await ExactlyOnceCall.RunAsync(
                agent,
                null,
                call,
                (c, ct) => context.WriteStatusAsync(context.Status with { LastOperation = operation with { Call = c } }, ct),
                cancellationToken);
        }

        switch (outcome.Kind)
        {
            case CallOutcomeKind.Replied:
                if (chunked && shared is null)
                {
                    await management.ClearChunkStoreAsync(canister, cancellationToken);
                }

                return context.Status with { LastOperation = operation with { Call = null } };
            case CallOutcomeKind.InFlight:
                return context.Status with { LastOperation = operation with { Call = outcome.Call } };
            case CallOutcomeKind.Pruned:
                // It ran, yet the canister does not run the module (the planner looked): it did not install it; install anew.
                return context.Status with { LastOperation = operation with { Call = null } };
            default:
                var e = outcome.Reject!;
                if (shared is not null && e.RejectMessage.Contains("chunk store", StringComparison.OrdinalIgnoreCase))
                {
                    // Someone cleared the shared store behind our back: list it again before the retry.
                    shared.Forget();
                }

                return context.Status with
                {
                    LastOperation = operation with
                    {
                        Call = null,
                        Step = OperationStep.InstallRejected,
                        Message = $"The IC rejected the install of version {operation.To} ({e.ErrorCode ?? e.RejectCode.ToString()}): {e.RejectMessage}",
                    },
                };
        }
    }

    /// <summary>
    /// Uploads what the shared store lacks (normally nothing: an earlier install or the step before the stop did it).
    /// The lease keeps the store from being cleared until install_chunked_code has returned.
    /// </summary>
    public static async Task<IDisposable> LeaseChunksAsync(CanisterActionContext context, NetworkChunkStore store, Wasm.WasmModule module, CancellationToken cancellationToken) =>
        await store.LeaseAsync(module, context.Deployment.Spec.Template, bytes => context.Metrics.ChunkBytesUploaded.Inc(bytes), cancellationToken);
}
