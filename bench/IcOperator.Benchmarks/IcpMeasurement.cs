namespace IcOperator.Benchmarks;

/// <summary>What the icp run measured: time and bytes per canister, and one upgrade's total time and downtime.</summary>
internal sealed record IcpMeasurement(TimeSpan PerCanister, long BytesPerCanister, TimeSpan Upgrade, TimeSpan UpgradeDowntime);
