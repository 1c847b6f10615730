using IcOperator.Candid;

namespace IcOperator.Emulators.Ic.Counters;

/// <summary>
/// One executed update call: the effective canister (the target canister for management calls), the method, whether it
/// replied, and when it executed (the replica's clock, the one canister downtime is measured by).
/// </summary>
public sealed record UpdateCallRecord(Principal Canister, string Method, bool Replied, DateTimeOffset ExecutedAt);
