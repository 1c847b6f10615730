namespace IcOperator.Emulators.Ic.Management;

/// <summary>The options of <c>upgrade</c>: skip the old module's pre_upgrade, and <c>keep</c>/<c>replace</c> for enhanced orthogonal persistence.</summary>
public sealed record UpgradeOptions(bool? SkipPreUpgrade = null, string? WasmMemoryPersistence = null);
