namespace IcOperator.Orchestration;

/// <summary>The canister's settings as canister_status reports them.</summary>
internal sealed record ObservedSettings
{
    public IReadOnlyList<string> Controllers { get; init; } = [];

    public ulong ComputeAllocation { get; init; }

    public ulong MemoryAllocation { get; init; }

    public ulong FreezingThreshold { get; init; }

    public UInt128 ReservedCyclesLimit { get; init; }

    public ulong WasmMemoryLimit { get; init; }

    public string LogVisibility { get; init; } = "controllers";
}
