namespace IcOperator.Candid.Tests.Typed;

public sealed record UpgradeOptions(bool? SkipPreUpgrade, WasmMemoryPersistence? WasmMemoryPersistence);
