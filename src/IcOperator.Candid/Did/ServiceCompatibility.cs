namespace IcOperator.Candid;

/// <summary>
/// Whether a new service interface can replace the running one without breaking its clients: the new
/// service must be a subtype of the old (every old method still there, taking at least what callers
/// send and returning at least what they expect), as <c>didc check</c> decides.
/// </summary>
public static class ServiceCompatibility
{
    /// <summary>The reasons <paramref name="next"/> cannot replace <paramref name="current"/>; empty when it can.</summary>
    public static IReadOnlyList<string> Check(ServiceType current, ServiceType next)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(next);
        var problems = new List<string>();
        var subtyping = new Subtyping();
        foreach (var method in current.Methods)
        {
            var replacement = next.Find(method.Name);
            if (replacement is null)
            {
                problems.Add($"method '{method.Name}' is removed");
                continue;
            }

            var was = method.Type;
            var now = replacement.Type;
            if (!was.Modes.SequenceEqual(now.Modes))
            {
                problems.Add($"method '{method.Name}' changes its mode from {Modes(was)} to {Modes(now)}");
            }

            // Callers keep sending the old arguments: each new parameter must accept them (or be optional when absent).
            for (var i = 0; i < now.Arguments.Count; i++)
            {
                var reason = i < was.Arguments.Count
                    ? subtyping.Explain(was.Arguments[i], now.Arguments[i], $"method '{method.Name}' argument {i}")
                    : now.Arguments[i].AcceptsNull ? null : $"method '{method.Name}' adds a required argument {i} of type {now.Arguments[i]}";
                if (reason is not null)
                {
                    problems.Add(reason);
                }
            }

            // Callers keep expecting the old results: the new results must be readable as them.
            for (var i = 0; i < was.Results.Count; i++)
            {
                var reason = i < now.Results.Count
                    ? subtyping.Explain(now.Results[i], was.Results[i], $"method '{method.Name}' result {i}")
                    : was.Results[i].AcceptsNull ? null : $"method '{method.Name}' no longer returns result {i} of type {was.Results[i]}";
                if (reason is not null)
                {
                    problems.Add(reason);
                }
            }
        }

        return problems;
    }

    /// <summary>As <see cref="Check(ServiceType, ServiceType)"/> for two <c>.did</c> texts (e.g. two modules' <c>candid:service</c>).</summary>
    public static IReadOnlyList<string> Check(string currentDid, string nextDid)
    {
        var current = DidFile.Parse(currentDid).Service ?? throw new CandidException("the current interface declares no service");
        var next = DidFile.Parse(nextDid).Service ?? throw new CandidException("the new interface declares no service");
        return Check(current, next);
    }

    private static string Modes(FuncType f) => f.Modes.Count == 0 ? "update" : string.Join(' ', f.Modes).ToLowerInvariant();
}
