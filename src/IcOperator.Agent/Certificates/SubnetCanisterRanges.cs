using IcOperator.Candid;

namespace IcOperator.Agent.Certificates;

/// <summary>A subnet and the canister id ranges it hosts, read from one certificate.</summary>
public sealed record SubnetCanisterRanges(Principal SubnetId, CanisterRanges Ranges);
