using System.Numerics;
using IcOperator.Candid;
using IcOperator.Emulators.Ic.Canisters;
using IcOperator.Emulators.Ic.Counters;
using IcOperator.Emulators.Ic.Execution;
using IcOperator.Emulators.Ic.Faults;
using IcOperator.Emulators.Ic.Management;
using IcOperator.Emulators.Ic.Rejects;
using IcOperator.Emulators.Ic.State;
using IcOperator.Emulators.Ic.Wasm;

namespace IcOperator.Emulators.Tests.Ic.Wasm;

/// <summary>A replica that runs real Wasm, with real Candid, on a manual clock; shared by the tests of a class.</summary>
public class WasmReplica
{
    public static readonly Principal Alice = ReplicaHarness.Alice;

    internal WasmReplica(InstructionLimits? limits = null)
    {
        Replica = new IcReplica(Clock, new IcCounters(), new IcFaults(), ReplicatedState.DefaultFirstCanisterIndex, new CandidTextCodec(), limits);
    }

    public WasmReplica()
        : this(null)
    {
    }

    internal ManualClock Clock { get; } = new(new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero));

    internal IcReplica Replica { get; }

    internal ManagementCanister Management => Replica.Management;

    public Principal Create(BigInteger? cycles = null)
    {
        lock (Replica.State.Gate)
        {
            return Management.ProvisionalCreateCanisterWithCycles(Alice, cycles, null, null);
        }
    }

    internal void Install(Principal canister, byte[] module, string arg = "()", InstallMode mode = InstallMode.Install, UpgradeOptions? upgrade = null)
    {
        lock (Replica.State.Gate)
        {
            Management.InstallCode(Alice, new InstallCodeRequest(canister, mode, upgrade, module, CandidEncoder.Encode(CandidText.ParseArguments(arg))));
        }
    }

    internal Action Installing(Principal canister, byte[] module, string arg = "()", InstallMode mode = InstallMode.Install, UpgradeOptions? upgrade = null) =>
        () => Install(canister, module, arg, mode, upgrade);

    /// <summary>Installs <paramref name="module"/> in a new canister and returns its id.</summary>
    internal Principal Deploy(byte[] module, string arg = "()")
    {
        var id = Create();
        Install(id, module, arg);
        return id;
    }

    internal CallOutcome Call(Principal canister, string method, byte[] arg, CallKind kind = CallKind.Update, Principal? caller = null) =>
        Replica.Execute(caller ?? Alice, canister, method, arg, kind);

    /// <summary>
    /// Calls with a Candid text argument and gives the reply as Candid text (decoded with <paramref name="returns"/>
    /// when given, so variant labels print by name), or throws the reject.
    /// </summary>
    internal string Text(Principal canister, string method, string arg = "()", CallKind kind = CallKind.Update, string? returns = null)
    {
        var outcome = Call(canister, method, CandidEncoder.Encode(CandidText.ParseArguments(arg)), kind);
        if (!outcome.IsReply)
        {
            throw new IcRejectException(outcome.RejectCode, outcome.ErrorCode ?? IcErrorCode.CanisterRejectedMessage, outcome.RejectMessage);
        }

        if (returns is null)
        {
            return CandidDecoder.Decode(outcome.Reply!).ToString();
        }

        var types = CandidType.ParseArguments(returns);
        return new CandidMessage(types, CandidDecoder.Decode(outcome.Reply!, types)).ToString();
    }

    internal string Query(Principal canister, string method, string arg = "()", string? returns = null) => Text(canister, method, arg, CallKind.Query, returns);

    /// <summary>The <c>health</c> answer of the sample canisters, with its variant labels.</summary>
    internal string Health(Principal canister) => Query(canister, "health", returns: "(variant { ok; degraded : text })");

    internal void Stop(Principal canister)
    {
        lock (Replica.State.Gate)
        {
            Management.StopCanister(Alice, canister);
        }
    }

    internal void Start(Principal canister)
    {
        lock (Replica.State.Gate)
        {
            Management.StartCanister(Alice, canister);
        }
    }

    internal CanisterView View(Principal canister)
    {
        lock (Replica.State.Gate)
        {
            return ReplicatedState.View(Replica.State.Get(canister));
        }
    }

    internal T Locked<T>(Func<ManagementCanister, T> action)
    {
        lock (Replica.State.Gate)
        {
            return action(Management);
        }
    }
}
