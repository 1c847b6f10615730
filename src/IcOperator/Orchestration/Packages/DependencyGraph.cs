namespace IcOperator.Orchestration.Packages;

/// <summary>Finds a dependsOn cycle through a package, so a cycle is reported instead of waiting forever.</summary>
internal static class DependencyGraph
{
    /// <summary>
    /// A cycle that starts and ends at <paramref name="start"/> (e.g. a → b → a), or null. <paramref name="dependsOn"/>
    /// gives a package's dependencies, or null for a package that does not exist.
    /// </summary>
    public static IReadOnlyList<string>? FindCycle(string start, Func<string, IReadOnlyList<string>?> dependsOn)
    {
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<string> { start };
        return Visit(start);

        IReadOnlyList<string>? Visit(string package)
        {
            foreach (var next in dependsOn(package) ?? [])
            {
                if (next == start)
                {
                    return [.. path, start];
                }

                if (!visited.Add(next))
                {
                    continue;
                }

                path.Add(next);
                if (Visit(next) is { } cycle)
                {
                    return cycle;
                }

                path.RemoveAt(path.Count - 1);
            }

            return null;
        }
    }
}
