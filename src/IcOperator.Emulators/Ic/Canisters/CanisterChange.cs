using IcOperator.Candid;

namespace IcOperator.Emulators.Ic.Canisters;

/// <summary>
/// One entry of a canister's history (<c>change</c> in ic.did): <see cref="Kind"/> is <c>creation</c>,
/// <c>code_uninstall</c>, <c>code_deployment</c>, <c>load_snapshot</c> or <c>controllers_change</c>.
/// </summary>
public sealed record CanisterChange(
    DateTimeOffset Timestamp,
    ulong CanisterVersion,
    Principal Origin,
    string Kind)
{
    public IReadOnlyList<Principal> Controllers { get; init; } = [];

    /// <summary>install, reinstall or upgrade, for code_deployment.</summary>
    public string? Mode { get; init; }

    public byte[]? ModuleHash { get; init; }

    public byte[]? SnapshotId { get; init; }

    public DateTimeOffset? SnapshotTakenAt { get; init; }

    public ulong? SnapshotCanisterVersion { get; init; }
}
