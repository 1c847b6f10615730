using System.Numerics;
using IcOperator.Candid;
using IcOperator.Emulators.Ic.Canisters;

namespace IcOperator.Emulators.Ic.Wasm;

/// <summary>
/// One execution of a canister entry point: its inputs (argument, caller, the response a callback sees) and what it
/// produces (reply, reject, calls, log lines, certified data, timer). Effects on other canisters and the call
/// context take place only when the execution completes without trapping.
/// </summary>
internal sealed class MessageExecution(Canister canister, CanisterInstance instance, EntryPoint entry, DateTimeOffset now)
{
    public Canister Canister { get; } = canister;

    public CanisterInstance Instance { get; } = instance;

    public EntryPoint Entry { get; } = entry;

    public DateTimeOffset Now { get; } = now;

    public byte[] Arg { get; init; } = [];

    public Principal Caller { get; init; } = Principal.Anonymous;

    public string MethodName { get; init; } = string.Empty;

    public CallContext? Context { get; init; }

    /// <summary>The response a reply or reject callback runs for.</summary>
    public CallResponse? Response { get; init; }

    /// <summary>The data certificate a non-replicated query can read.</summary>
    public byte[]? DataCertificate { get; init; }

    public long InstructionLimit { get; init; }

    public MemoryStream ReplyData { get; } = new();

    /// <summary>The reply or reject this execution gives its call context, applied when it completes.</summary>
    public CallResponse? Answer { get; set; }

    public OutgoingCall? PendingCall { get; set; }

    public List<OutgoingCall> PerformedCalls { get; } = [];

    public List<byte[]> LogLines { get; } = [];

    public bool MessageAccepted { get; set; }

    /// <summary>Why a system API function stopped the execution, when one did.</summary>
    public CanisterTrapException? Trap { get; set; }

    public bool IsQuery => Entry is EntryPoint.Query or EntryPoint.InspectMessage;

    public bool CanReply => Entry is EntryPoint.Update or EntryPoint.Query or EntryPoint.ReplyCallback or EntryPoint.RejectCallback;

    public bool CanCall => Entry is EntryPoint.Update or EntryPoint.ReplyCallback or EntryPoint.RejectCallback or EntryPoint.GlobalTimer;

    public bool SeesCycles => Entry is EntryPoint.Update or EntryPoint.ReplyCallback or EntryPoint.RejectCallback;

    public BigInteger CyclesBefore { get; } = canister.Cycles;
}
