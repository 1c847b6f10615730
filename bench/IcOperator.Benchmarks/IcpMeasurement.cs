namespace IcOperator.Benchmarks;

/// <summary>
/// What the icp run measured: time and bytes per canister, one plain upgrade (<c>icp canister install --mode upgrade</c>)
/// and one scripted with the operator's safety (stop, snapshot, install, start).
/// </summary>
internal sealed record IcpMeasurement(TimeSpan PerCanister, long BytesPerCanister, UpgradeMeasurement Upgrade, UpgradeMeasurement SafeUpgrade);
