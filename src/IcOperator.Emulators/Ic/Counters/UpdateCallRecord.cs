using IcOperator.Candid;

namespace IcOperator.Emulators.Ic.Counters;

/// <summary>One executed update call: the effective canister (the target canister for management calls), the method, and whether it replied.</summary>
public sealed record UpdateCallRecord(Principal Canister, string Method, bool Replied);
