using System.Numerics;
using System.Text;
using IcOperator.Candid;
using IcOperator.Emulators.Ic.Canisters;
using IcOperator.Emulators.Ic.Rejects;
using IcOperator.Emulators.Ic.State;
using Wasmtime;

namespace IcOperator.Emulators.Ic.Wasm;

/// <summary>
/// Runs canisters whose modules execute for real, as the IC interface specification says: entry points with
/// instruction limits, rollback of a message that traps, queries on state whose changes are dropped, and
/// inter-canister calls delivered one message at a time until no message is left. Callers hold the state's gate.
/// </summary>
internal sealed class WasmExecutor(ReplicatedState state, InstructionLimits limits)
{
    private const int MaxMessagesPerRound = 100_000;

    private readonly Queue<Action> messages = new();
    private bool draining;

    /// <summary>
    /// Answers calls to canisters that do not run Wasm (the management canister, the cycles ledger, behaviour
    /// modules), given the cycles attached; the response's <see cref="CallResponse.Refund"/> is what they did not keep.
    /// </summary>
    public Func<Principal, Principal, string, byte[], BigInteger, CallResponse> OtherCallees { get; set; } =
        (_, callee, _, _, cycles) => CallResponse.Rejected(IcRejectCode.DestinationInvalid, IcErrorCode.CanisterNotFound, $"Canister {callee} not found.") with { Refund = cycles };

    /// <summary>An ingress update call: runs the method, then every message it causes, and answers with the method's response.</summary>
    public byte[] Update(Canister canister, string method, byte[] arg, Principal caller)
    {
        var compiled = canister.Module!.Compiled!;
        if (!compiled.HasUpdate(method) && !compiled.HasQuery(method))
        {
            throw NoMethod(canister, "update", method);
        }

        var instance = canister.Instance!;
        if (compiled.Exports("canister_inspect_message"))
        {
            var inspect = new MessageExecution(canister, instance, EntryPoint.InspectMessage, state.Now)
            {
                Arg = arg,
                Caller = caller,
                MethodName = method,
                InstructionLimit = (long)limits.InspectMessage,
            };
            if (Execute(inspect, instance.Export("canister_inspect_message")!, transactional: true, keepChanges: false) is { } refused)
            {
                throw refused;
            }

            if (!inspect.MessageAccepted)
            {
                throw new IcRejectException(IcRejectCode.CanisterReject, IcErrorCode.CanisterRejected,
                    $"Error from Canister {canister.Id}: Canister rejected the message");
            }
        }

        var context = new CallContext(canister.Id, caller, method, 0, origin: null);
        Deliver(canister, context, arg);
        Drain();
        var response = context.Response ?? CallResponse.Rejected(IcRejectCode.CanisterError, IcErrorCode.CanisterDidNotReply,
            $"Error from Canister {canister.Id}: Canister did not reply to the call");
        return response.Reply ?? throw new IcRejectException(response.RejectCode, response.ErrorCode ?? IcErrorCode.CanisterRejectedMessage, response.RejectMessage);
    }

    /// <summary>
    /// A query: runs on the canister's state and drops every change, as on the IC. A query a user sent (not
    /// replicated) can read <paramref name="dataCertificate"/>, a certificate of the canister's certified data.
    /// </summary>
    public byte[] Query(Canister canister, string method, byte[] arg, Principal caller, byte[]? dataCertificate = null)
    {
        var compiled = canister.Module!.Compiled!;
        if (!compiled.HasQuery(method))
        {
            throw NoMethod(canister, "query", method);
        }

        var instance = canister.Instance!;
        var execution = new MessageExecution(canister, instance, EntryPoint.Query, state.Now)
        {
            Arg = arg,
            Caller = caller,
            MethodName = method,
            Context = new CallContext(canister.Id, caller, method, 0, origin: null),
            InstructionLimit = (long)limits.Query,
            DataCertificate = dataCertificate,
        };
        if (Execute(execution, instance.Export(compiled.QueryExport(method))!, transactional: true, keepChanges: false) is { } trap)
        {
            throw trap;
        }

        var answer = execution.Answer ?? CallResponse.Rejected(IcRejectCode.CanisterError, IcErrorCode.CanisterDidNotReply,
            $"Error from Canister {canister.Id}: Canister did not reply to the call");
        return answer.Reply ?? throw new IcRejectException(answer.RejectCode, answer.ErrorCode ?? IcErrorCode.CanisterRejectedMessage, answer.RejectMessage);
    }

    /// <summary>Install or reinstall: a fresh instance and stable memory, then <c>canister_init</c>; a trap leaves the canister as it was.</summary>
    public void Install(Canister canister, InstalledModule module, byte[] arg, Principal caller)
    {
        var instance = Instantiate(canister, module.Compiled!);
        var saved = (canister.StableMemory, canister.CertifiedData, canister.GlobalTimer);
        canister.StableMemory = new StableMemory();
        canister.CertifiedData = [];
        canister.GlobalTimer = 0;
        var trap = Start(canister, instance) ?? (instance.Export("canister_init") is { } init
            ? Execute(new MessageExecution(canister, instance, EntryPoint.Init, state.Now) { Arg = arg, Caller = caller, InstructionLimit = (long)limits.Install }, init, transactional: false, keepChanges: true)
            : null);
        if (trap is not null)
        {
            instance.Dispose();
            (canister.StableMemory, canister.CertifiedData, canister.GlobalTimer) = saved;
            throw trap;
        }

        canister.Instance?.Dispose();
        canister.Instance = instance;
    }

    /// <summary>
    /// Upgrade: <c>canister_pre_upgrade</c> on the old instance, a new instance (with the old main memory when
    /// <paramref name="keepMemory"/>), then <c>canister_post_upgrade</c>. Stable memory survives; a trap anywhere
    /// leaves the old module, memory and stable memory in place.
    /// </summary>
    public void Upgrade(Canister canister, InstalledModule module, byte[] arg, Principal caller, bool skipPreUpgrade, bool keepMemory)
    {
        var old = canister.Instance;
        var image = old?.Capture();
        var saved = (canister.CertifiedData, canister.GlobalTimer);
        canister.StableMemory.BeginMessage();
        CanisterInstance? instance = null;
        try
        {
            if (old is not null && !skipPreUpgrade && old.Export("canister_pre_upgrade") is { } pre
                && Execute(new MessageExecution(canister, old, EntryPoint.PreUpgrade, state.Now) { Caller = caller, InstructionLimit = (long)limits.Install }, pre, transactional: false, keepChanges: true) is { } preTrap)
            {
                throw preTrap;
            }

            instance = Instantiate(canister, module.Compiled!);
            if (keepMemory && old is not null)
            {
                instance.RestoreMemory(old.Capture().Memory);
            }

            canister.GlobalTimer = 0;
            if (Start(canister, instance) is { } startTrap)
            {
                throw startTrap;
            }

            if (instance.Export("canister_post_upgrade") is { } post
                && Execute(new MessageExecution(canister, instance, EntryPoint.PostUpgrade, state.Now) { Arg = arg, Caller = caller, InstructionLimit = (long)limits.Install }, post, transactional: false, keepChanges: true) is { } postTrap)
            {
                throw postTrap;
            }
        }
        catch (IcRejectException)
        {
            instance?.Dispose();
            if (image is not null)
            {
                old!.Restore(image);
            }

            canister.StableMemory.Rollback();
            (canister.CertifiedData, canister.GlobalTimer) = saved;
            throw;
        }

        canister.StableMemory.Commit();
        old?.Dispose();
        canister.Instance = instance;
    }

    /// <summary>A new instance of <paramref name="module"/> holding <paramref name="memory"/> (a snapshot being loaded).</summary>
    public static CanisterInstance Restore(Canister canister, InstalledModule module, WasmMemoryImage memory)
    {
        var instance = Instantiate(canister, module.Compiled!);
        instance.Restore(memory);
        return instance;
    }

    /// <summary>Runs <c>canister_global_timer</c> of every canister whose timer is due, once, and the messages it causes.</summary>
    public void RunDueTimers()
    {
        var now = (state.Now - DateTimeOffset.UnixEpoch).Ticks * 100;
        var due = state.Canisters.Where(c => c.GlobalTimer != 0 && c.GlobalTimer <= now && c.Instance is not null && c.Status == CanisterStatus.Running).ToList();
        foreach (var canister in due)
        {
            canister.GlobalTimer = 0;
            if (canister.Instance!.Export("canister_global_timer") is not { } timer)
            {
                continue;
            }

            var context = new CallContext(canister.Id, canister.Id, "canister_global_timer", 0, origin: null);
            var execution = new MessageExecution(canister, canister.Instance, EntryPoint.GlobalTimer, state.Now)
            {
                Caller = canister.Id,
                Context = context,
                InstructionLimit = (long)limits.Update,
            };
            Complete(execution, Execute(execution, timer, transactional: true, keepChanges: true));
        }

        Drain();
    }

    private static CanisterInstance Instantiate(Canister canister, CompiledCanisterModule module)
    {
        try
        {
            return CanisterInstance.Create(module, MemoryLimit(canister));
        }
        catch (WasmtimeException e)
        {
            throw new IcRejectException(IcRejectCode.CanisterError, IcErrorCode.CanisterInvalidWasm,
                $"Error from Canister {canister.Id}: Canister's Wasm module is not valid: Wasm module could not be instantiated: {e.Message.Split('\n')[0]}");
        }
    }

    // The module's start function, run once the memory is in place (fresh, or kept by an upgrade).
    private IcRejectException? Start(Canister canister, CanisterInstance instance) =>
        instance.Export(WasmBinary.StartExport) is { } start
            ? Execute(new MessageExecution(canister, instance, EntryPoint.Start, state.Now) { InstructionLimit = (long)limits.Install }, start, transactional: false, keepChanges: true)
            : null;

    private static long MemoryLimit(Canister canister)
    {
        var limit = canister.Settings.WasmMemoryLimit;
        return limit.Sign == 0 || limit > long.MaxValue ? 4L * 1024 * 1024 * 1024 : (long)limit;
    }

    // Starts the method of a call in a new call context on the callee.
    private void Deliver(Canister canister, CallContext context, byte[] arg)
    {
        var compiled = canister.Module!.Compiled!;
        var instance = canister.Instance!;
        var update = compiled.HasUpdate(context.Method);
        var execution = new MessageExecution(canister, instance, update ? EntryPoint.Update : EntryPoint.Query, state.Now)
        {
            Arg = arg,
            Caller = context.Caller,
            MethodName = context.Method,
            Context = context,
            InstructionLimit = (long)(update ? limits.Update : limits.Query),
        };
        var export = instance.Export(update ? "canister_update " + context.Method : compiled.QueryExport(context.Method))!;
        // A query method called by an update call still drops its changes.
        Complete(execution, Execute(execution, export, transactional: true, keepChanges: update));
    }

    private void DeliverRequest(OutgoingCall call)
    {
        var callee = state.Find(call.Callee);
        if (callee?.Module?.Compiled is null)
        {
            var response = callee is null && !call.Callee.IsManagementCanister && call.Callee != Cycles.CyclesLedger.Id
                ? CallResponse.Rejected(IcRejectCode.DestinationInvalid, IcErrorCode.CanisterNotFound, $"Canister {call.Callee} not found.") with { Refund = call.Cycles }
                : OtherCallees(call.Caller, call.Callee, call.Method, call.Arg.ToArray(), call.Cycles);
            Respond(call, response);
            return;
        }

        var refusal = callee.Status switch
        {
            CanisterStatus.Stopped => new IcRejectException(IcRejectCode.CanisterError, IcErrorCode.CanisterStopped, $"Canister {callee.Id} is stopped and therefore does not accept calls."),
            CanisterStatus.Stopping => new IcRejectException(IcRejectCode.CanisterError, IcErrorCode.CanisterStopping, $"Canister {callee.Id} is stopping and therefore does not accept calls."),
            _ when !callee.Module.Compiled.HasUpdate(call.Method) && !callee.Module.Compiled.HasQuery(call.Method) => NoMethod(callee, "update", call.Method),
            _ => null,
        };
        if (refusal is not null)
        {
            Respond(call, CallResponse.Rejected(refusal) with { Refund = call.Cycles });
            return;
        }

        Deliver(callee, new CallContext(callee.Id, call.Caller, call.Method, call.Cycles, call), call.Arg.ToArray());
    }

    private void DeliverResponse(OutgoingCall call, CallResponse response)
    {
        var caller = state.Find(call.Caller);
        var context = call.CallerContext;
        context.OutstandingCalls--;
        if (caller?.Instance is not { } instance)
        {
            // The caller was uninstalled or deleted meanwhile: its callbacks are gone, as on the IC.
            return;
        }

        caller.Cycles += response.Refund;
        var replied = response.Reply is not null;
        var execution = new MessageExecution(caller, instance, replied ? EntryPoint.ReplyCallback : EntryPoint.RejectCallback, state.Now)
        {
            Caller = context.Caller,
            Context = context,
            Response = response,
            InstructionLimit = (long)limits.Update,
        };
        var environment = instance.Is64Bit ? (ValueBox)(replied ? call.ReplyEnvironment : call.RejectEnvironment) : (int)(replied ? call.ReplyEnvironment : call.RejectEnvironment);
        var trap = instance.TableFunction(replied ? call.ReplyFunction : call.RejectFunction) is { } callback
            ? Execute(execution, callback, transactional: true, keepChanges: true, environment)
            : Trapped(caller, new CanisterTrapException($"the callback at table index {(replied ? call.ReplyFunction : call.RejectFunction)} is not a function"));
        if (trap is not null && call.Cleanup is { } cleanup && instance.TableFunction(cleanup.Function) is { } cleanupFunction)
        {
            var cleanupEnvironment = instance.Is64Bit ? (ValueBox)cleanup.Environment : (int)cleanup.Environment;
            Execute(new MessageExecution(caller, instance, EntryPoint.Cleanup, state.Now) { Context = context, InstructionLimit = (long)limits.Update }, cleanupFunction, transactional: true, keepChanges: true, cleanupEnvironment);
        }

        Complete(execution, trap);
    }

    // Applies a finished execution to its call context: the answer, the calls it made, and the context's end.
    private void Complete(MessageExecution execution, IcRejectException? trap)
    {
        var context = execution.Context!;
        if (trap is null)
        {
            if (execution.Answer is { } answer)
            {
                Answer(context, answer);
            }

            foreach (var call in execution.PerformedCalls)
            {
                context.OutstandingCalls++;
                messages.Enqueue(() => DeliverRequest(call));
            }
        }

        if (context.Response is null && context.OutstandingCalls == 0)
        {
            Answer(context, trap is not null
                ? CallResponse.Rejected(trap)
                : CallResponse.Rejected(IcRejectCode.CanisterError, IcErrorCode.CanisterDidNotReply, $"Error from Canister {context.Canister}: Canister did not reply to the call"));
        }
    }

    private void Answer(CallContext context, CallResponse response)
    {
        context.Response = response with { Refund = context.AvailableCycles };
        context.AvailableCycles = 0;
        if (context.Origin is { } origin)
        {
            Respond(origin, context.Response);
        }
    }

    private void Respond(OutgoingCall call, CallResponse response) => messages.Enqueue(() => DeliverResponse(call, response));

    private void Drain()
    {
        if (draining)
        {
            return;
        }

        draining = true;
        try
        {
            for (var handled = 0; messages.Count > 0 && handled < MaxMessagesPerRound; handled++)
            {
                messages.Dequeue()();
            }

            messages.Clear();
        }
        finally
        {
            draining = false;
        }
    }

    /// <summary>
    /// Runs one entry point. <paramref name="transactional"/>: a trap undoes its changes to memory, stable memory,
    /// cycles, certified data and timer; <paramref name="keepChanges"/> false undoes them in any case (queries).
    /// Returns the reject a trap becomes, or null.
    /// </summary>
    private static IcRejectException? Execute(MessageExecution execution, Function function, bool transactional, bool keepChanges, params ValueBox[] args)
    {
        var canister = execution.Canister;
        var instance = execution.Instance;
        if (transactional)
        {
            instance.SetRollbackPoint();
        }

        var saved = (canister.Cycles, execution.Context?.AvailableCycles, canister.CertifiedData, canister.GlobalTimer);
        if (transactional)
        {
            canister.StableMemory.BeginMessage();
        }

        IcRejectException? trap = null;
        instance.Current = execution;
        try
        {
            instance.Run(function, (ulong)execution.InstructionLimit, args);
            if (instance.MemoryLength > instance.MemoryLimit)
            {
                trap = Trapped(canister, new CanisterTrapException($"Canister exceeded its current Wasm memory limit of {instance.MemoryLimit} bytes", IcErrorCode.CanisterOutOfMemory));
            }
        }
        catch (WasmtimeException e)
        {
            trap = Trapped(canister, execution.Trap ?? Translate(e, execution));
        }
        finally
        {
            instance.Current = null;
        }

        if (!execution.IsQuery)
        {
            foreach (var line in execution.LogLines)
            {
                canister.AddLog(execution.Now, line);
            }

            if (trap is not null)
            {
                canister.AddLog(execution.Now, Encoding.UTF8.GetBytes("[TRAP]: " + trap.Message));
            }
        }

        if (transactional && (trap is not null || !keepChanges))
        {
            instance.RollBack();
            canister.StableMemory.Rollback();
            canister.Cycles = saved.Cycles;
            if (execution.Context is { } context)
            {
                context.AvailableCycles = saved.AvailableCycles!.Value;
            }

            (canister.CertifiedData, canister.GlobalTimer) = (saved.CertifiedData, saved.GlobalTimer);
        }
        else if (transactional)
        {
            canister.StableMemory.Commit();
        }

        return trap;
    }

    private static CanisterTrapException Translate(WasmtimeException e, MessageExecution execution)
    {
        var code = e is TrapException trap ? trap.Type : (TrapCode?)null;
        return code switch
        {
            TrapCode.OutOfFuel => new CanisterTrapException(
                $"Canister exceeded the limit of {execution.InstructionLimit} instructions for single message execution.", IcErrorCode.CanisterInstructionLimitExceeded),
            TrapCode.Unreachable => new CanisterTrapException("unreachable"),
            TrapCode.MemoryOutOfBounds => new CanisterTrapException("heap out of bounds"),
            TrapCode.StackOverflow => new CanisterTrapException("stack overflow"),
            TrapCode.IntegerDivisionByZero => new CanisterTrapException("integer division by 0"),
            TrapCode.IntegerOverflow => new CanisterTrapException("integer overflow"),
            TrapCode.BadConversionToInteger => new CanisterTrapException("invalid conversion to integer"),
            TrapCode.TableOutOfBounds => new CanisterTrapException("table out of bounds"),
            TrapCode.IndirectCallToNull => new CanisterTrapException("uninitialized element"),
            TrapCode.BadSignature => new CanisterTrapException("indirect call type mismatch"),
            _ => new CanisterTrapException(e.Message.Split('\n')[0]),
        };
    }

    private static IcRejectException Trapped(Canister canister, CanisterTrapException trap)
    {
        var message = trap.Code switch
        {
            IcErrorCode.CanisterCalledTrap => $"Canister called `ic0.trap` with message: '{trap.Message}'.",
            IcErrorCode.CanisterContractViolation => $"Canister violated contract: {trap.Message}.",
            IcErrorCode.CanisterInstructionLimitExceeded or IcErrorCode.CanisterOutOfMemory => trap.Message,
            _ => $"Canister trapped: {trap.Message}.",
        };
        return new IcRejectException(IcRejectCode.CanisterError, trap.Code, $"Error from Canister {canister.Id}: {message}");
    }

    private static IcRejectException NoMethod(Canister canister, string what, string method) => new(
        IcRejectCode.DestinationInvalid, IcErrorCode.CanisterMethodNotFound, $"Error from Canister {canister.Id}: Canister has no {what} method '{method}'.");
}
