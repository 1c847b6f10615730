using System.Buffers.Binary;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using IcOperator.Candid;
using IcOperator.Emulators.Ic.Canisters;
using IcOperator.Emulators.Ic.Cycles;
using IcOperator.Emulators.Ic.Modules;
using IcOperator.Emulators.Ic.Rejects;
using IcOperator.Emulators.Ic.State;
using IcOperator.Emulators.Ic.Wasm;

namespace IcOperator.Emulators.Ic.Management;

/// <summary>
/// The management canister's semantics on typed arguments: who may call what, the limits, the state changes.
/// Callers hold <see cref="ReplicatedState.Gate"/>; every method either completes or changes nothing.
/// </summary>
internal sealed class ManagementCanister(ReplicatedState state)
{
    /// <summary>The replica keeps at most this many snapshots per canister.</summary>
    public const int MaxSnapshots = 10;

    public Principal ProvisionalCreateCanisterWithCycles(Principal caller, BigInteger? amount, CanisterSettingsUpdate? settings, Principal? specifiedId, Principal? subnet = null)
    {
        if (amount is { Sign: < 0 })
        {
            throw Contract("amount must not be negative.");
        }

        return state.Create(caller, settings, amount ?? CyclesCosts.DefaultProvisionalCycles, specifiedId, subnet).Id;
    }

    /// <summary>A canister paid for with attached cycles (the cycles ledger's path): the creation fee is taken from them.</summary>
    public Principal CreateCanisterWithCycles(Principal creator, CanisterSettingsUpdate? settings, BigInteger attached, Principal? subnet = null)
    {
        if (attached < CyclesCosts.CanisterCreationFee)
        {
            throw new IcRejectException(IcRejectCode.CanisterError, IcErrorCode.InsufficientCyclesForCreateCanister,
                $"Creating a canister requires a fee of {CyclesCosts.CanisterCreationFee} that is deducted from the canister's initial balance but only {attached} cycles were received with the create_canister request.");
        }

        return state.Create(creator, settings, attached - CyclesCosts.CanisterCreationFee, null, subnet).Id;
    }

    public void ProvisionalTopUpCanister(Principal canisterId, BigInteger amount)
    {
        if (amount.Sign < 0)
        {
            throw Contract("amount must not be negative.");
        }

        state.Get(canisterId).Cycles += amount;
    }

    public void DepositCycles(Principal canisterId, BigInteger attached) => state.Get(canisterId).Cycles += attached;

    public void UpdateSettings(Principal caller, Principal canisterId, CanisterSettingsUpdate settings)
    {
        var canister = state.GetControlled(canisterId, caller);
        var updated = SettingsValidation.Apply(canister.Settings, settings);
        var before = canister.Settings;
        canister.Settings = updated;
        var limit = CyclesCosts.FreezingLimit(canister);
        if (updated.ComputeAllocation > before.ComputeAllocation && canister.Cycles < limit)
        {
            canister.Settings = before;
            throw new IcRejectException(IcRejectCode.CanisterError, IcErrorCode.InsufficientCyclesInComputeAllocation,
                $"Cannot increase compute allocation to {updated.ComputeAllocation}% for canister {canisterId} due to its insufficient cycles balance: the canister would be frozen below {limit} cycles and holds {canister.Cycles}.");
        }

        if (updated.MemoryAllocation > before.MemoryAllocation && canister.Cycles < limit)
        {
            canister.Settings = before;
            throw new IcRejectException(IcRejectCode.CanisterError, IcErrorCode.InsufficientCyclesInMemoryAllocation,
                $"Cannot increase memory allocation to {updated.MemoryAllocation} bytes for canister {canisterId} due to its insufficient cycles balance: the canister would be frozen below {limit} cycles and holds {canister.Cycles}.");
        }

        canister.Version++;
        if (!before.Controllers.SequenceEqual(updated.Controllers))
        {
            canister.AddChange(new CanisterChange(state.Now, canister.Version, caller, "controllers_change") { Controllers = updated.Controllers });
        }
    }

    public byte[] UploadChunk(Principal caller, Principal canisterId, byte[] chunk)
    {
        var canister = state.GetControlled(canisterId, caller);
        if (chunk.Length > ChunkStore.MaxChunkSize)
        {
            throw Contract($"Wasm chunk size {chunk.Length} exceeds the maximum chunk size of {ChunkStore.MaxChunkSize} bytes.");
        }

        if (canister.Chunks.Find(SHA256.HashData(chunk)) is null && canister.Chunks.Count >= ChunkStore.Capacity)
        {
            throw Contract($"Wasm chunk store of canister {canisterId} is full: it holds the maximum of {ChunkStore.Capacity} chunks. Clear it with clear_chunk_store.");
        }

        ReplicatedState.Charge(canister, CyclesCosts.UpdateMessageExecutionFee);
        state.Counters.CountChunkBytes(chunk.Length);
        return canister.Chunks.Add(chunk, out _);
    }

    public void ClearChunkStore(Principal caller, Principal canisterId) => state.GetControlled(canisterId, caller).Chunks.Clear();

    public IReadOnlyList<byte[]> StoredChunks(Principal caller, Principal canisterId) => state.GetControlled(canisterId, caller).Chunks.Hashes.ToArray();

    public void InstallChunkedCode(
        Principal caller,
        InstallMode mode,
        UpgradeOptions? upgrade,
        Principal target,
        Principal? store,
        IReadOnlyList<byte[]> chunkHashes,
        byte[] moduleHash,
        byte[] arg)
    {
        state.GetControlled(target, caller);
        // The interface specification lets the store canister itself install from its store, without being its own controller.
        var storeCanister = store is { } named && named == caller ? state.Get(named) : state.GetControlled(store ?? target, caller);
        if (state.SubnetOf(storeCanister.Id) != state.SubnetOf(target))
        {
            throw Contract($"The store canister {storeCanister.Id} is on subnet {state.SubnetOf(storeCanister.Id)}, not on the subnet of the target canister {target} ({state.SubnetOf(target)}); the store canister must be on the same subnet.");
        }

        var module = state.Modules.Assemble(chunkHashes, hash => storeCanister.Chunks.Find(hash) ?? throw Contract(
            $"Error from Wasm chunk store: chunk with hash {Convert.ToHexStringLower(hash)} is not in the chunk store of canister {storeCanister.Id}."));
        if (!module.Hash.AsSpan().SequenceEqual(moduleHash))
        {
            throw Contract($"Error from Wasm chunk store: Wasm module hash {Convert.ToHexStringLower(module.Hash)} does not match given hash {Convert.ToHexStringLower(moduleHash)}.");
        }

        Install(caller, new InstallCodeRequest(target, mode, upgrade, module.Bytes, arg));
    }

    /// <summary><c>install_code</c>: the module came in the message, so its bytes count as received.</summary>
    public void InstallCode(Principal caller, InstallCodeRequest request)
    {
        state.Counters.CountModuleBytes(request.Module.Length);
        Install(caller, request);
    }

    private void Install(Principal caller, InstallCodeRequest request)
    {
        var canister = state.GetControlled(request.CanisterId, caller);
        var id = canister.Id;
        var installed = Load(id, request.Module);
        var old = canister.Module;
        switch (request.Mode)
        {
            case InstallMode.Install when old is not null:
                throw new IcRejectException(IcRejectCode.CanisterError, IcErrorCode.CanisterNonEmpty,
                    $"Canister {id} cannot be installed because the canister is not empty. Try installing with mode='reinstall' instead.");
            case InstallMode.Upgrade when old is null:
                throw new IcRejectException(IcRejectCode.CanisterError, IcErrorCode.CanisterWasmModuleNotFound,
                    $"Error from Canister {id}: Attempted to upgrade a canister with no Wasm module installed. Install it with mode='install' first.");
        }

        ReplicatedState.Charge(canister, CyclesCosts.Install(request.Module.Length));
        Dictionary<string, byte[]> next;
        LifecycleBehavior? lifecycle;
        if (request.Mode == InstallMode.Upgrade)
        {
            var persistence = request.Upgrade?.WasmMemoryPersistence;
            if (old!.HasEnhancedOrthogonalPersistence && persistence is null)
            {
                throw Contract($"Missing upgrade option for canister {id}: enhanced orthogonal persistence requires the `wasm_memory_persistence` upgrade option.");
            }

            if (persistence == "keep" && !installed.HasEnhancedOrthogonalPersistence)
            {
                throw Contract($"Invalid upgrade option for canister {id}: `wasm_memory_persistence: keep` requires the new module to use enhanced orthogonal persistence.");
            }

            if (request.Upgrade?.SkipPreUpgrade != true && old.Behavior.PreUpgradeTrap is { } preTrap)
            {
                throw Trapped(id, preTrap);
            }

            // The key-value state plays stable memory: it survives upgrades.
            next = new Dictionary<string, byte[]>(canister.State, StringComparer.Ordinal);
            lifecycle = installed.Behavior.PostUpgrade;
        }
        else
        {
            // A module that runs for real decodes its own argument (and traps when it does not fit).
            var argTypes = installed.Compiled is not null ? null : installed.Behavior.InitArgs ?? TextOf(installed.Module.Metadata("candid:args"));
            var service = installed.Compiled is not null ? null : TextOf(installed.Module.Metadata("candid:service"));
            try
            {
                if (argTypes is not null)
                {
                    state.Codec.CheckArgs(request.Arg, argTypes);
                }
                else if (service is not null)
                {
                    state.Codec.CheckServiceArgs(request.Arg, service, method: null);
                }
            }
            catch (FormatException e)
            {
                throw Trapped(id, $"failed to decode the init argument as {argTypes ?? "the init arguments of candid:service"}: {e.Message}");
            }

            next = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            lifecycle = installed.Behavior.Init;
        }

        var logs = new List<string>();
        if (lifecycle is not null)
        {
            if (lifecycle.Trap is { } trap)
            {
                throw Trapped(id, trap);
            }

            foreach (var (key, text) in lifecycle.State ?? new Dictionary<string, string>())
            {
                next[key] = state.Codec.EncodeText(text);
            }

            if (lifecycle.StoreArg is { } key2)
            {
                next[key2] = request.Arg;
            }

            if (lifecycle.Log is { } log)
            {
                logs.Add(log);
            }
        }

        if (installed.Compiled is null)
        {
            canister.Instance?.Dispose();
            canister.Instance = null;
        }
        else if (request.Mode == InstallMode.Upgrade)
        {
            state.Wasm.Upgrade(canister, installed, request.Arg, caller, request.Upgrade?.SkipPreUpgrade == true, request.Upgrade?.WasmMemoryPersistence == "keep");
        }
        else
        {
            state.Wasm.Install(canister, installed, request.Arg, caller);
        }

        canister.Module = installed;
        canister.State = next;
        canister.Version++;
        foreach (var line in logs)
        {
            canister.AddLog(state.Now, Encoding.UTF8.GetBytes(line));
        }

        canister.AddChange(new CanisterChange(state.Now, canister.Version, caller, "code_deployment")
        {
            Mode = request.Mode.ToString().ToLowerInvariant(),
            ModuleHash = installed.Module.Hash,
        });
    }

    public void UninstallCode(Principal caller, Principal canisterId)
    {
        var canister = state.GetControlled(canisterId, caller);
        canister.ClearCode();
        canister.Version++;
        canister.AddChange(new CanisterChange(state.Now, canister.Version, caller, "code_uninstall"));
    }

    public void StartCanister(Principal caller, Principal canisterId)
    {
        var canister = state.GetControlled(canisterId, caller);
        if (canister.Status != Canisters.CanisterStatus.Running)
        {
            canister.SetStatus(Canisters.CanisterStatus.Running, state.Now);
            canister.Version++;
        }
    }

    public void StopCanister(Principal caller, Principal canisterId)
    {
        var canister = state.GetControlled(canisterId, caller);
        if (canister.Status == Canisters.CanisterStatus.Stopped)
        {
            return;
        }

        if (state.Faults.IsStuckStopping(canister.Id))
        {
            if (canister.Status == Canisters.CanisterStatus.Running)
            {
                canister.SetStatus(Canisters.CanisterStatus.Stopping, state.Now);
                canister.Version++;
            }

            throw new IcRejectException(IcRejectCode.SysTransient, IcErrorCode.StopCanisterRequestTimeout,
                $"Stop canister request timed out: canister {canister.Id} is still stopping (it has open call contexts).");
        }

        canister.SetStatus(Canisters.CanisterStatus.Stopped, state.Now);
        canister.Version++;
    }

    public CanisterView CanisterStatus(Principal caller, Principal canisterId)
    {
        var canister = state.Get(canisterId);
        // The canister itself may ask for its status too, and status_visibility may open it to others.
        var visibility = canister.Settings.StatusVisibility;
        var visible = visibility.Kind == "public" || (visibility.Kind == "allowed_viewers" && visibility.AllowedViewers.Contains(caller));
        if (!canister.IsController(caller) && caller != canister.Id && !visible)
        {
            throw ReplicatedState.NotController(canister, caller);
        }

        return ReplicatedState.View(canister);
    }

    public void DeleteCanister(Principal caller, Principal canisterId)
    {
        var canister = state.GetControlled(canisterId, caller);
        if (canister.Status != Canisters.CanisterStatus.Stopped)
        {
            throw new IcRejectException(IcRejectCode.CanisterError, IcErrorCode.CanisterNotStopped,
                $"Canister {canister.Id} must be stopped before it is deleted.");
        }

        state.Delete(canister);
    }

    public SnapshotInfo TakeCanisterSnapshot(Principal caller, Principal canisterId, byte[]? replaceSnapshot)
    {
        // The IC takes a snapshot of a running canister too: stopping first, so that no call awaits a response, is the caller's job.
        var canister = state.GetControlled(canisterId, caller);
        var module = canister.Module ?? throw new IcRejectException(IcRejectCode.CanisterError, IcErrorCode.CanisterWasmModuleNotFound,
            $"Canister {canister.Id} is empty: a snapshot needs an installed module.");
        CanisterSnapshot? replaced = null;
        if (replaceSnapshot is not null)
        {
            replaced = FindSnapshot(canister, replaceSnapshot);
        }
        else if (canister.Snapshots.Count >= MaxSnapshots)
        {
            throw Contract($"Canister {canister.Id} has reached the maximum number of snapshots allowed: {MaxSnapshots}. Delete one or pass replace_snapshot.");
        }

        var id = new byte[8 + canister.Id.Length];
        BinaryPrimitives.WriteUInt64BigEndian(id, canister.NextSnapshotIndex++);
        canister.Id.Bytes.CopyTo(id.AsSpan(8));
        var snapshot = new CanisterSnapshot(id, state.Now, module, new Dictionary<string, byte[]>(canister.State, StringComparer.Ordinal))
        {
            Memory = canister.Instance?.Capture(),
            StableMemory = canister.StableMemory.Clone(),
            CertifiedData = canister.CertifiedData,
            Chunks = canister.Chunks.Contents(),
        };
        ReplicatedState.Charge(canister, CyclesCosts.UpdateMessageExecutionFee + snapshot.TotalSize);
        if (replaced is not null)
        {
            canister.Snapshots.Remove(replaced);
        }

        canister.Snapshots.Add(snapshot);
        return new SnapshotInfo(snapshot.Id, snapshot.TakenAt, snapshot.TotalSize);
    }

    public void LoadCanisterSnapshot(Principal caller, Principal canisterId, byte[] snapshotId)
    {
        var canister = state.GetControlled(canisterId, caller);
        RequireStopped(canister, "loading a snapshot into it");
        var snapshot = FindSnapshot(canister, snapshotId);
        ReplicatedState.Charge(canister, CyclesCosts.UpdateMessageExecutionFee + snapshot.TotalSize);
        var instance = snapshot.Module.Compiled is not null && snapshot.Memory is not null ? WasmExecutor.Restore(canister, snapshot.Module, snapshot.Memory) : null;
        canister.Instance?.Dispose();
        canister.Instance = instance;
        canister.StableMemory = snapshot.StableMemory?.Clone() ?? new();
        canister.CertifiedData = snapshot.CertifiedData;
        canister.GlobalTimer = 0;
        canister.Chunks.Replace(snapshot.Chunks);
        canister.Module = snapshot.Module;
        canister.State = new Dictionary<string, byte[]>(snapshot.State, StringComparer.Ordinal);
        canister.Version++;
        canister.AddChange(new CanisterChange(state.Now, canister.Version, caller, "load_snapshot")
        {
            SnapshotId = snapshot.Id,
            SnapshotTakenAt = snapshot.TakenAt,
            SnapshotCanisterVersion = canister.Version - 1,
        });
    }

    public IReadOnlyList<SnapshotInfo> ListCanisterSnapshots(Principal caller, Principal canisterId)
    {
        var canister = state.Get(canisterId);
        // snapshot_visibility may let others than controllers see the snapshots (not load or delete them).
        var visibility = canister.Settings.SnapshotVisibility;
        var visible = visibility.Kind == "public" || (visibility.Kind == "allowed_viewers" && visibility.AllowedViewers.Contains(caller));
        if (!canister.IsController(caller) && !visible)
        {
            throw ReplicatedState.NotController(canister, caller);
        }

        return canister.Snapshots.Select(s => new SnapshotInfo(s.Id, s.TakenAt, s.TotalSize)).ToArray();
    }

    public void DeleteCanisterSnapshot(Principal caller, Principal canisterId, byte[] snapshotId)
    {
        var canister = state.GetControlled(canisterId, caller);
        canister.Snapshots.Remove(FindSnapshot(canister, snapshotId));
    }

    public IReadOnlyList<CanisterLogRecord> FetchCanisterLogs(Principal caller, Principal canisterId)
    {
        var canister = state.Get(canisterId);
        var visibility = canister.Settings.LogVisibility;
        var allowed = visibility.Kind switch
        {
            "public" => true,
            "allowed_viewers" => canister.IsController(caller) || visibility.AllowedViewers.Contains(caller),
            _ => canister.IsController(caller),
        };
        if (!allowed)
        {
            throw new IcRejectException(IcRejectCode.CanisterReject, IcErrorCode.CanisterRejectedMessage,
                $"Caller {caller} is not allowed to query ic00 method fetch_canister_logs for canister {canister.Id} (log_visibility is {visibility.Kind}).");
        }

        return canister.Logs.ToArray();
    }

    private InstalledModule Load(Principal id, byte[] bytes)
    {
        try
        {
            var module = state.Modules.Parse(bytes);
            var section = module.CustomSections.FirstOrDefault(s => s.Name == CanisterBehavior.SectionName);
            if (section is null)
            {
                return new InstalledModule(module, new CanisterBehavior(), WasmEngine.Compile(module.Hash, module.Code));
            }

            var behavior = section is null ? new CanisterBehavior() : CanisterBehavior.Parse(Encoding.UTF8.GetString(section.Content));
            foreach (var (name, method) in behavior.Methods)
            {
                if (method.Reply is { } reply)
                {
                    CheckText(name, reply);
                }
            }

            foreach (var lifecycle in new[] { behavior.Init, behavior.PostUpgrade })
            {
                foreach (var (key, text) in lifecycle?.State ?? new Dictionary<string, string>())
                {
                    CheckText($"state '{key}'", text);
                }
            }

            return new InstalledModule(module, behavior);
        }
        catch (FormatException e)
        {
            throw new IcRejectException(IcRejectCode.CanisterError, IcErrorCode.CanisterInvalidWasm,
                $"Error from Canister {id}: Canister's Wasm module is not valid: {e.Message}");
        }

        void CheckText(string what, string text)
        {
            try
            {
                state.Codec.EncodeText(text);
            }
            catch (FormatException e)
            {
                throw new FormatException($"the reply of {what} is not Candid text: {e.Message}", e);
            }
        }
    }

    private static string? TextOf(CustomSection? section) => section is null ? null : Encoding.UTF8.GetString(section.Content);

    private static CanisterSnapshot FindSnapshot(Canister canister, byte[] snapshotId) =>
        canister.Snapshots.FirstOrDefault(s => s.Id.AsSpan().SequenceEqual(snapshotId))
        ?? throw new IcRejectException(IcRejectCode.DestinationInvalid, IcErrorCode.CanisterSnapshotNotFound,
            $"Could not find the snapshot ID {Convert.ToHexStringLower(snapshotId)} for canister {canister.Id}.");

    private static void RequireStopped(Canister canister, string action)
    {
        if (canister.Status != Canisters.CanisterStatus.Stopped)
        {
            throw new IcRejectException(IcRejectCode.CanisterError, IcErrorCode.CanisterNotStopped,
                $"Canister {canister.Id} must be stopped before {action} (it is {canister.Status.ToString().ToLowerInvariant()}).");
        }
    }

    private static IcRejectException Trapped(Principal id, string message) =>
        new(IcRejectCode.CanisterError, IcErrorCode.CanisterCalledTrap, $"Error from Canister {id}: Canister called `ic0.trap` with message: '{message}'.");

    private static IcRejectException Contract(string message) =>
        new(IcRejectCode.CanisterError, IcErrorCode.CanisterContractViolation, message);
}
