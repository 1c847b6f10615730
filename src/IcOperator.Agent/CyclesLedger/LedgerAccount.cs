using IcOperator.Candid;

namespace IcOperator.Agent.CyclesLedger;

/// <summary>An ICRC-1 account: owner and optional 32-byte subaccount.</summary>
public sealed record LedgerAccount(Principal Owner, byte[]? Subaccount);
