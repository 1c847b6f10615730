using IcOperator.Candid;

namespace IcOperator.Emulators.Ic.Canisters;

/// <summary>Who may fetch a canister's logs: <c>controllers</c>, <c>public</c> or <c>allowed_viewers</c>.</summary>
public sealed record LogVisibility
{
    private LogVisibility(string kind, IReadOnlyList<Principal> viewers)
    {
        Kind = kind;
        AllowedViewers = viewers;
    }

    public static LogVisibility Controllers { get; } = new("controllers", []);

    public static LogVisibility Public { get; } = new("public", []);

    /// <summary><c>controllers</c>, <c>public</c> or <c>allowed_viewers</c>.</summary>
    public string Kind { get; }

    public IReadOnlyList<Principal> AllowedViewers { get; }

    public static LogVisibility Viewers(IEnumerable<Principal> viewers) => new("allowed_viewers", viewers.ToArray());

    public bool Equals(LogVisibility? other) =>
        other is not null && Kind == other.Kind && AllowedViewers.SequenceEqual(other.AllowedViewers);

    public override int GetHashCode() => HashCode.Combine(Kind, AllowedViewers.Count);
}
