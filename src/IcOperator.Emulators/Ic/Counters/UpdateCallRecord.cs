using IcOperator.Candid;

namespace IcOperator.Emulators.Ic.Counters;

/// <summary>
/// One executed update call: the effective canister (the target canister for management calls), the method, whether it
/// replied, and when it executed (the replica's clock, the one canister downtime is measured by). Management calls a
/// canister made are logged too, in the order they ran, with <see cref="MadeBy"/> naming that canister.
/// </summary>
public sealed record UpdateCallRecord(Principal Canister, string Method, bool Replied, DateTimeOffset ExecutedAt)
{
    /// <summary>The canister that made this call to the management canister; null for an ingress message.</summary>
    public Principal? MadeBy { get; init; }
}
