namespace IcOperator.Agent.Management;

/// <summary>Options of an upgrade: skip the old module's pre_upgrade, keep or replace main memory.</summary>
public sealed record UpgradeOptions(bool? SkipPreUpgrade, WasmMemoryPersistence? WasmMemoryPersistence);
