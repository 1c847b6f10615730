using System.Globalization;

namespace IcOperator.Orchestration;

/// <summary>Semantic version precedence (semver.org 2.0.0 §11), for picking a template's latest version.</summary>
internal static class SemanticVersion
{
    public static int Compare(string left, string right)
    {
        var (leftCore, leftPre) = Split(left);
        var (rightCore, rightPre) = Split(right);
        for (var i = 0; i < 3; i++)
        {
            var c = leftCore[i].CompareTo(rightCore[i]);
            if (c != 0)
            {
                return c;
            }
        }

        // A release ranks above its pre-releases.
        if (leftPre.Length == 0 || rightPre.Length == 0)
        {
            return leftPre.Length == rightPre.Length ? 0 : leftPre.Length == 0 ? 1 : -1;
        }

        for (var i = 0; i < Math.Min(leftPre.Length, rightPre.Length); i++)
        {
            var c = CompareIdentifier(leftPre[i], rightPre[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return leftPre.Length.CompareTo(rightPre.Length);
    }

    public static string? Highest(IEnumerable<string> versions) =>
        versions.Aggregate((string?)null, (best, v) => best is null || Compare(v, best) > 0 ? v : best);

    private static (ulong[] Core, string[] PreRelease) Split(string version)
    {
        var withoutBuild = version.Split('+')[0];
        var dash = withoutBuild.IndexOf('-', StringComparison.Ordinal);
        var core = dash < 0 ? withoutBuild : withoutBuild[..dash];
        var pre = dash < 0 ? [] : withoutBuild[(dash + 1)..].Split('.');
        var numbers = core.Split('.').Select(p => ulong.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0).ToArray();
        return (numbers.Length == 3 ? numbers : [.. numbers, .. new ulong[Math.Max(0, 3 - numbers.Length)]], pre);
    }

    private static int CompareIdentifier(string left, string right)
    {
        var leftNumeric = ulong.TryParse(left, NumberStyles.None, CultureInfo.InvariantCulture, out var l);
        var rightNumeric = ulong.TryParse(right, NumberStyles.None, CultureInfo.InvariantCulture, out var r);
        return (leftNumeric, rightNumeric) switch
        {
            (true, true) => l.CompareTo(r),
            (true, false) => -1,
            (false, true) => 1,
            _ => string.CompareOrdinal(left, right) switch { > 0 => 1, < 0 => -1, _ => 0 },
        };
    }
}
