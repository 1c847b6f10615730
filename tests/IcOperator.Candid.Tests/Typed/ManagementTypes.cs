using System.Numerics;

namespace IcOperator.Candid.Tests.Typed;

// A subset of the management canister's types, written the way the agent writes them.
public enum CanisterStatusKind
{
    Running,
    Stopping,
    Stopped,
}

public abstract record LogVisibility
{
    public sealed record Controllers : LogVisibility;

    public sealed record Public : LogVisibility;

    public sealed record AllowedViewers(Principal[] Value) : LogVisibility;
}

public sealed record DefiniteCanisterSettings(
    Principal[] Controllers,
    BigInteger ComputeAllocation,
    BigInteger MemoryAllocation,
    BigInteger FreezingThreshold,
    BigInteger ReservedCyclesLimit,
    LogVisibility LogVisibility,
    BigInteger WasmMemoryLimit);

public sealed record CanisterStatusResult(
    CanisterStatusKind Status,
    DefiniteCanisterSettings Settings,
    byte[]? ModuleHash,
    BigInteger MemorySize,
    BigInteger Cycles,
    BigInteger IdleCyclesBurnedPerDay);

public sealed record ChunkHash(byte[] Hash);

public abstract record CanisterInstallMode
{
    public sealed record Install : CanisterInstallMode;

    public sealed record Reinstall : CanisterInstallMode;

    public sealed record Upgrade(UpgradeOptions? Value) : CanisterInstallMode;
}

public sealed record UpgradeOptions(bool? SkipPreUpgrade, WasmMemoryPersistence? WasmMemoryPersistence);

public enum WasmMemoryPersistence
{
    Keep,
    Replace,
}

public sealed record InstallChunkedCodeArgs(
    CanisterInstallMode Mode,
    Principal TargetCanister,
    Principal? StoreCanister,
    IReadOnlyList<ChunkHash> ChunkHashesList,
    byte[] WasmModuleHash,
    byte[] Arg,
    ulong? SenderCanisterVersion);

public sealed class Tree
{
    [CandidName("label")]
    public string Name { get; set; } = string.Empty;

    public List<Tree> Children { get; set; } = [];

    [CandidKind(CandidTypeKind.Int)]
    public BigInteger Weight { get; set; }

    [CandidIgnore]
    public int Cached { get; set; }
}
