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
    /// <param name="clearOwnStore">
    /// Whether the canister's own chunk store is cleared once the install replied; an upgrade leaves that to after the
    /// start, so the canister is stopped for the snapshot and the install only.
    /// </param>
    public static async Task<CanisterDeploymentStatus> InstallAsync(CanisterActionContext context, CanisterInstallMode mode, bool chunked, CancellationToken cancellationToken, bool clearOwnStore = true)
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
                call = ManagementCalls.InstallCode(canister, mode, await module.ReadBytesAsync(cancellationToken), context.Argument);
            }
            else
            {
                // Chunks uploaded before the stop are not listed again: the stopped window is the snapshot and the install.
                await UploadToCanisterAsync(context, context.ChunksUploaded ? module.ChunkHashes : null, cancellationToken);

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
                if (chunked && shared is null && clearOwnStore)
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
    /// Uploads into the canister's own chunk store what it does not hold (<paramref name="held"/>, else stored_chunks
    /// says); an upgrade does this while the canister still runs.
    /// </summary>
    public static async Task UploadToCanisterAsync(CanisterActionContext context, IEnumerable<string>? held, CancellationToken cancellationToken)
    {
        var canister = context.RequireCanister();
        var module = context.RequireModule();
        var management = context.Network.Management;
        if (held is null)
        {
            held = (await management.StoredChunksAsync(canister, cancellationToken)).Select(Convert.ToHexStringLower).ToList();
            if (held.Except(module.ChunkHashes, StringComparer.OrdinalIgnoreCase).Any())
            {
                // Chunks of another module (an upgrade interrupted before its store was cleared) would only take room.
                await management.ClearChunkStoreAsync(canister, cancellationToken);
                held = [];
            }
        }

        if (InstallStrategy.MissingChunks(module.ChunkHashes, [.. held]).Count == 0)
        {
            // The module's bytes are read (back from the cache, for a kept module) only when a chunk goes up.
            return;
        }

        await new ChunkedInstaller(management, context.Network.ParallelUploads)
            .UploadAsync(canister, await module.ChunksAsync(cancellationToken), held, chunk => context.Metrics.ChunkBytesUploaded.Inc(chunk.Content.Length), cancellationToken);
    }

    /// <summary>Clears the canister's own chunk store once an upgrade installed from it and started the canister again.</summary>
    public static Task ClearCanisterChunksAsync(CanisterActionContext context, CancellationToken cancellationToken) =>
        context.Network.Management.ClearChunkStoreAsync(context.RequireCanister(), cancellationToken);

    /// <summary>
    /// Uploads what the shared store lacks (normally nothing: an earlier install or the step before the stop did it).
    /// The lease keeps the store from being cleared until install_chunked_code has returned.
    /// </summary>
    public static async Task<IDisposable> LeaseChunksAsync(CanisterActionContext context, NetworkChunkStore store, Wasm.WasmModule module, CancellationToken cancellationToken) =>
        await store.LeaseAsync(module, context.Deployment.Spec.Template, bytes => context.Metrics.ChunkBytesUploaded.Inc(bytes), cancellationToken);
}
