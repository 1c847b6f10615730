using System.Text;
using IcOperator.Candid;
using IcOperator.Emulators.Ic.Canisters;
using IcOperator.Emulators.Ic.Cycles;
using IcOperator.Emulators.Ic.Rejects;
using IcOperator.Emulators.Ic.State;

namespace IcOperator.Emulators.Ic.Execution;

/// <summary>Runs a canister's methods: a test module's as its behaviour section declares them, a real module's in the Wasm engine. Callers hold the state's gate.</summary>
internal sealed class CanisterRuntime(ReplicatedState state)
{
    /// <summary>Runs <paramref name="method"/>; a query of a real module can read <paramref name="dataCertificate"/> (<c>ic0.data_certificate_copy</c>).</summary>
    public byte[] Call(Principal canisterId, string method, byte[] arg, CallKind kind, Principal? caller = null, byte[]? dataCertificate = null)
    {
        var canister = state.Get(canisterId);
        switch (canister.Status)
        {
            case CanisterStatus.Stopped:
                throw new IcRejectException(IcRejectCode.CanisterError, IcErrorCode.CanisterStopped, $"Canister {canisterId} is stopped and therefore does not accept calls.");
            case CanisterStatus.Stopping:
                throw new IcRejectException(IcRejectCode.CanisterError, IcErrorCode.CanisterStopping, $"Canister {canisterId} is stopping and therefore does not accept calls.");
        }

        var module = canister.Module ?? throw new IcRejectException(IcRejectCode.CanisterError, IcErrorCode.CanisterWasmModuleNotFound,
            $"Error from Canister {canisterId}: Attempted to execute a message, but the canister contains no Wasm module.");
        if (module.Compiled is not null)
        {
            return CallWasm(canister, method, arg, kind, caller ?? Principal.Anonymous, dataCertificate);
        }

        if (!module.Behavior.Methods.TryGetValue(method, out var behavior) || (kind == CallKind.Query && !behavior.Query))
        {
            var what = kind == CallKind.Query ? "query" : "update";
            throw new IcRejectException(IcRejectCode.DestinationInvalid, IcErrorCode.CanisterMethodNotFound,
                $"Error from Canister {canisterId}: Canister has no {what} method '{method}'.");
        }

        if (kind == CallKind.Update)
        {
            ReplicatedState.Charge(canister, CyclesCosts.IngressCall(arg.Length));
        }
        else
        {
            canister.QueryCalls++;
            canister.QueryRequestBytes += arg.Length;
        }

        // A canister decodes its arguments with the types of its interface and traps when they do not fit.
        if (module.Module.Metadata("candid:service") is { } service)
        {
            try
            {
                state.Codec.CheckServiceArgs(arg, Encoding.UTF8.GetString(service.Content), method);
            }
            catch (FormatException e)
            {
                throw new IcRejectException(IcRejectCode.CanisterError, IcErrorCode.CanisterCalledTrap,
                    $"Error from Canister {canisterId}: Canister called `ic0.trap` with message: 'failed to decode the arguments of {method}: {e.Message}'.");
            }
        }

        if (behavior.Trap is { } trap)
        {
            throw new IcRejectException(IcRejectCode.CanisterError, IcErrorCode.CanisterCalledTrap,
                $"Error from Canister {canisterId}: Canister called `ic0.trap` with message: '{trap}'.");
        }

        if (behavior.Reject is { } reject)
        {
            throw new IcRejectException(IcRejectCode.CanisterReject, IcErrorCode.CanisterRejectedMessage, reject);
        }

        // A query runs on a copy of the state and its changes are dropped, as on the IC.
        if (kind == CallKind.Update)
        {
            if (behavior.Log is { } log)
            {
                canister.AddLog(state.Now, Encoding.UTF8.GetBytes(log));
            }

            if (behavior.Store is { } key)
            {
                canister.State[key] = arg;
            }
        }

        var reply = behavior.Load is { } load && canister.State.TryGetValue(load, out var stored)
            ? stored
            : state.Codec.EncodeText(behavior.Reply ?? "()");
        if (kind == CallKind.Query)
        {
            canister.QueryResponseBytes += reply.Length;
        }

        return reply;
    }

    private byte[] CallWasm(Canister canister, string method, byte[] arg, CallKind kind, Principal caller, byte[]? dataCertificate)
    {
        if (kind == CallKind.Update)
        {
            ReplicatedState.Charge(canister, CyclesCosts.IngressCall(arg.Length));
            return state.Wasm.Update(canister, method, arg, caller);
        }

        canister.QueryCalls++;
        canister.QueryRequestBytes += arg.Length;
        var reply = state.Wasm.Query(canister, method, arg, caller, dataCertificate);
        canister.QueryResponseBytes += reply.Length;
        return reply;
    }
}
