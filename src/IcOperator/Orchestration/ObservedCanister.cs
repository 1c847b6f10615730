namespace IcOperator.Orchestration;

/// <summary>What the IC says about a canister at the start of a reconcile.</summary>
internal sealed record ObservedCanister
{
    public required string CanisterId { get; init; }

    /// <summary>False when the IC does not know the canister (deleted, or never created).</summary>
    public bool Exists { get; init; } = true;

    /// <summary>Whether the operator's principal is a controller (canister_status answered).</summary>
    public bool OperatorIsController { get; init; } = true;

    public CanisterRunStatus Status { get; init; } = CanisterRunStatus.Running;

    /// <summary>SHA-256 of the installed module in hex, or null when the canister is empty.</summary>
    public string? ModuleHash { get; init; }

    public ObservedSettings Settings { get; init; } = new();

    public UInt128 Cycles { get; init; }

    public ulong MemorySize { get; init; }

    public IReadOnlyList<ObservedSnapshot> Snapshots { get; init; } = [];

    /// <summary>
    /// Whether this is what the operator's own create_canister reply implies (<see cref="CreatedCanister"/>), not what
    /// canister_status reported: cycles and memory are unknown, and only the deploy is planned on it.
    /// </summary>
    public bool ImpliedByCreate { get; init; }

    /// <summary>Hashes of the chunks in the canister's chunk store (stored_chunks), hex.</summary>
    public IReadOnlyList<string> StoredChunks { get; init; } = [];
}
