namespace IcOperator.Emulators.Ic.Canisters;

/// <summary>One line of a canister's log (<c>canister_log_record</c>).</summary>
public sealed record CanisterLogRecord(ulong Index, DateTimeOffset Timestamp, byte[] Content);
