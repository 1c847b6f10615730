using IcOperator.Candid;
using IcOperator.Emulators.Ic.Execution;

namespace IcOperator.Emulators.Ic.Requests;

/// <summary>What the state tree says about one update call under <c>request_status/&lt;id&gt;</c>.</summary>
internal sealed record RequestStatus(byte[] RequestId, Principal Sender, Principal EffectiveCanisterId, CallOutcome Outcome, DateTimeOffset CompletedAt)
{
    /// <summary>After the retention window the reply is dropped and only <c>done</c> remains, as on the IC.</summary>
    public bool Done { get; init; }
}
