using IcOperator.Candid;
using IcOperator.Emulators.Ic.Counters;
using IcOperator.Emulators.Ic.Cycles;
using IcOperator.Emulators.Ic.Execution;
using IcOperator.Emulators.Ic.Faults;
using IcOperator.Emulators.Ic.Management;
using IcOperator.Emulators.Ic.Rejects;

namespace IcOperator.Emulators.Ic.State;

/// <summary>Executes messages against the replicated state: the management canister, the cycles ledger, test canisters.</summary>
internal sealed class IcReplica
{
    public IcReplica(TimeProvider clock, IcCounters counters, IcFaults faults, ulong firstCanisterIndex, ICandidCodec codec)
    {
        State = new ReplicatedState(clock, codec, counters, faults, firstCanisterIndex);
        Management = new ManagementCanister(State);
        Ledger = new CyclesLedger(State, Management);
        Runtime = new CanisterRuntime(State);
        ManagementWire = new ManagementDispatcher(Management);
        LedgerWire = new CyclesLedgerDispatcher(Ledger);
    }

    public ReplicatedState State { get; }

    public ManagementCanister Management { get; }

    public CyclesLedger Ledger { get; }

    public CanisterRuntime Runtime { get; }

    private ManagementDispatcher ManagementWire { get; }

    private CyclesLedgerDispatcher LedgerWire { get; }

    /// <summary>Runs one message to completion; an injected reject for the method answers instead of running it.</summary>
    public CallOutcome Execute(Principal caller, Principal canister, string method, byte[] arg, CallKind kind)
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
                var reply = canister.IsManagementCanister ? ManagementWire.Execute(caller, method, arg, kind)
                    : canister == CyclesLedger.Id ? LedgerWire.Execute(caller, method, arg, kind)
                    : Runtime.Call(canister, method, arg, kind);
                return CallOutcome.Replied(reply);
            }
            catch (IcRejectException e)
            {
                return CallOutcome.Rejected(e);
            }
        }
    }
}
