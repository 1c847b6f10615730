using IcOperator.Candid;
using IcOperator.Emulators.Ic.Counters;
using IcOperator.Emulators.Ic.Cycles;
using IcOperator.Emulators.Ic.Execution;
using IcOperator.Emulators.Ic.Faults;
using IcOperator.Emulators.Ic.Management;
using IcOperator.Emulators.Ic.State;

namespace IcOperator.Emulators.Tests.Ic;

/// <summary>The replicated state with its management canister, runtime and ledger, on a manual clock.</summary>
internal sealed class ReplicaHarness
{
    public static readonly Principal Alice = Principal.SelfAuthenticating(Enumerable.Repeat((byte)1, 44).ToArray());
    public static readonly Principal Bob = Principal.SelfAuthenticating(Enumerable.Repeat((byte)2, 44).ToArray());

    public ReplicaHarness()
    {
        State = new ReplicatedState(Clock, new TextCandidCodec(), Counters, Faults, ReplicatedState.DefaultFirstCanisterIndex);
        Management = new ManagementCanister(State);
        Runtime = new CanisterRuntime(State);
        Ledger = new CyclesLedger(State, Management);
    }

    public ManualClock Clock { get; } = new(new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero));

    public IcCounters Counters { get; } = new();

    public IcFaults Faults { get; } = new();

    public ReplicatedState State { get; }

    public ManagementCanister Management { get; }

    public CanisterRuntime Runtime { get; }

    public CyclesLedger Ledger { get; }

    public Principal Create(Principal? owner = null, System.Numerics.BigInteger? cycles = null) =>
        Management.ProvisionalCreateCanisterWithCycles(owner ?? Alice, cycles, null, null);

    public void Install(Principal canister, byte[] module, string arg = "()", InstallMode mode = InstallMode.Install, UpgradeOptions? upgrade = null, Principal? caller = null) =>
        Management.InstallCode(caller ?? Alice, new InstallCodeRequest(canister, mode, upgrade, module, TextCandidCodec.Bytes(arg)));

    public Emulators.Ic.Canisters.CanisterView View(Principal canister) => ReplicatedState.View(State.Get(canister));
}
