namespace IcOperator.Agent.CyclesLedger;

/// <summary>Pick a subnet by type (e.g. "fiduciary").</summary>
public sealed record SubnetFilter(string? SubnetType);
