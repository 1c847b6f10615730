namespace IcOperator.Agent.CyclesLedger;

/// <summary>What the cycles ledger forwards to the cycles minting canister.</summary>
public sealed record CmcCreateCanisterArgs(LedgerCanisterSettings? Settings, SubnetSelection? SubnetSelection);
