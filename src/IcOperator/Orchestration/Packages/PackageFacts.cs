namespace IcOperator.Orchestration.Packages;

/// <summary>What a component's arguments may refer to: the user, the operator and the canisters installed before it.</summary>
internal sealed record PackageFacts(string User, string Operator, IReadOnlyList<(string Component, string CanisterId)> Previous)
{
    /// <summary>${previousCanisters}: a Candid vec of the earlier components' principals, in install order.</summary>
    public string PreviousCanisters => Previous.Count == 0
        ? "vec {}"
        : $"vec {{ {string.Join("; ", Previous.Select(p => $"principal \"{p.CanisterId}\""))} }}";
}
