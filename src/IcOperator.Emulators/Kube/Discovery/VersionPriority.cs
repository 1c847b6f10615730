using System.Text.RegularExpressions;

namespace IcOperator.Emulators.Kube.Discovery;

/// <summary>Kubernetes' version ordering: GA before beta before alpha, higher numbers first, others last by name.</summary>
internal static partial class VersionPriority
{
    public static IEnumerable<string> Sort(IEnumerable<string> versions) =>
        versions.Distinct().OrderBy(Rank).ThenByDescending(Major).ThenByDescending(Minor).ThenBy(v => v, StringComparer.Ordinal);

    private static int Rank(string version)
    {
        var match = Pattern().Match(version);
        return !match.Success ? 3 : match.Groups[2].Value switch { "" => 0, "beta" => 1, _ => 2 };
    }

    private static int Major(string version) => Pattern().Match(version) is { Success: true } m ? int.Parse(m.Groups[1].Value) : 0;

    private static int Minor(string version) =>
        Pattern().Match(version) is { Success: true } m && m.Groups[3].Value.Length > 0 ? int.Parse(m.Groups[3].Value) : 0;

    [GeneratedRegex("^v([0-9]+)(?:(alpha|beta)([0-9]+))?$")]
    private static partial Regex Pattern();
}
