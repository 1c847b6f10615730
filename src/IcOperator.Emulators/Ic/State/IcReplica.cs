using IcOperator.Candid;
using IcOperator.Emulators.Ic.Counters;
using IcOperator.Emulators.Ic.Cycles;
using IcOperator.Emulators.Ic.Execution;
using IcOperator.Emulators.Ic.Faults;
using IcOperator.Emulators.Ic.Management;
using IcOperator.Emulators.Ic.Rejects;
using IcOperator.Emulators.Ic.Wasm;

namespace IcOperator.Emulators.Ic.State;

/// <summary>Executes messages against the replicated state: the management canister, the cycles ledger, test canisters.</summary>
internal sealed class IcReplica
{
    public IcReplica(TimeProvider clock, IcCounters counters, IcFaults faults, ulong firstCanisterIndex, ICandidCodec codec, InstructionLimits? limits = null)
    {
        State = new ReplicatedState(clock, codec, counters, faults, firstCanisterIndex) { InstructionLimits = limits ?? new InstructionLimits() };
        Management = new ManagementCanister(State);
        Ledger = new CyclesLedger(State, Management);
        Runtime = new CanisterRuntime(State);
        ManagementWire = new ManagementDispatcher(Management);
        LedgerWire = new CyclesLedgerDispatcher(Ledger);
        State.Wasm.OtherCallees = (caller, callee, method, arg, cycles) =>
        {
            try
            {
                // The management canister keeps what deposit_cycles and create_canister take; the rest goes back, as on the IC.
                if (callee.IsManagementCanister)
                {
                    // Counted and open to injected rejects like a user's call: a canister's upgrade steps are calls too.
                    State.Counters.CountCall(method);
                    if (State.Faults.RejectFor(method) is { } injected)
                    {
                        throw new IcRejectException(injected.RejectCode, injected.ErrorCode, injected.Message);
                    }

                    var reply = ManagementWire.ExecuteForCanister(caller, method, arg, cycles, out var kept);
                    LogManagementCall(caller, method, arg, replied: true);
                    return CallResponse.Replied(reply) with { Refund = cycles - kept };
                }

                return CallResponse.Replied(Dispatch(caller, callee, method, arg, CallKind.Update)) with { Refund = cycles };
            }
            catch (IcRejectException e)
            {
                if (callee.IsManagementCanister)
                {
                    LogManagementCall(caller, method, arg, replied: false);
                }

                return CallResponse.Rejected(e) with { Refund = cycles };
            }
        };
    }

    public ReplicatedState State { get; }

    public ManagementCanister Management { get; }

    public CyclesLedger Ledger { get; }

    public CanisterRuntime Runtime { get; }

    private ManagementDispatcher ManagementWire { get; }

    private CyclesLedgerDispatcher LedgerWire { get; }

    /// <summary>
    /// Runs one message to completion; an injected reject for the method answers instead of running it. A query
    /// sent by a user carries the <paramref name="dataCertificate"/> its canister can read.
    /// </summary>
    public CallOutcome Execute(Principal caller, Principal canister, string method, byte[] arg, CallKind kind, byte[]? dataCertificate = null)
    {
        State.Counters.CountCall(method);
        if (State.Faults.RejectFor(method) is { } injected)
        {
            return CallOutcome.Rejected(new IcRejectException(injected.RejectCode, injected.ErrorCode, injected.Message));
        }

        lock (State.Gate)
        {
            try
            {
                // A timer that fell due since the last message runs first, as in the replica's next round.
                State.Wasm.RunDueTimers();
                return CallOutcome.Replied(Dispatch(caller, canister, method, arg, kind, dataCertificate));
            }
            catch (IcRejectException e)
            {
                return CallOutcome.Rejected(e);
            }
        }
    }

    // A canister's call to the management canister joins the ordered call log under the canister it is about.
    private void LogManagementCall(Principal caller, string method, byte[] arg, bool replied) =>
        State.Counters.LogUpdateCall(new Counters.UpdateCallRecord(ManagementDispatcher.EffectiveCanisterId(method, arg) ?? Principal.ManagementCanister, method, replied, State.Now) { MadeBy = caller });

    private byte[] Dispatch(Principal caller, Principal canister, string method, byte[] arg, CallKind kind, byte[]? dataCertificate = null) =>
        canister.IsManagementCanister ? ManagementWire.Execute(caller, method, arg, kind)
        : canister == CyclesLedger.Id ? LedgerWire.Execute(caller, method, arg, kind)
        : Runtime.Call(canister, method, arg, kind, caller, dataCertificate);
}
