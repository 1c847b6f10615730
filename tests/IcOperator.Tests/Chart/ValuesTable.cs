using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using IcOperator.Tests.Crds;

namespace IcOperator.Tests.Chart;

/// <summary>
/// The chart README's values table, built from values.yaml: every key preceded by a <c># --</c> comment is a
/// row with its default (as JSON) and that comment as its description.
/// </summary>
internal static partial class ValuesTable
{
    public sealed record Row(string Key, string Default, string Description);

    public static IReadOnlyList<Row> Rows(string valuesYaml)
    {
        var tree = (Dictionary<string, object?>)YamlTree.Parse(valuesYaml)!;
        var rows = new List<Row>();
        var path = new List<(int Indent, string Key)>();
        string? description = null;
        foreach (var line in valuesYaml.Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.StartsWith("# --", StringComparison.Ordinal))
            {
                description = trimmed[4..].Trim();
                continue;
            }

            var key = KeyLine().Match(line);
            if (!key.Success)
            {
                continue;
            }

            var indent = key.Groups["indent"].Length;
            path.RemoveAll(p => p.Indent >= indent);
            path.Add((indent, key.Groups["key"].Value));
            if (description is not null)
            {
                var keys = path.Select(p => p.Key).ToList();
                rows.Add(new Row(string.Join('.', keys), JsonSerializer.Serialize(Lookup(tree, keys)), description));
                description = null;
            }
        }

        return rows;
    }

    /// <summary>Every leaf of values.yaml as a dotted key (an empty map or list is a leaf).</summary>
    public static IEnumerable<string> Leaves(string valuesYaml) => Leaves((Dictionary<string, object?>)YamlTree.Parse(valuesYaml)!, string.Empty);

    public static string Render(IEnumerable<Row> rows)
    {
        var table = new StringBuilder("| key | default | description |\n|---|---|---|\n");
        foreach (var row in rows)
        {
            table.Append(System.Globalization.CultureInfo.InvariantCulture, $"| `{row.Key}` | `{row.Default}` | {row.Description} |\n");
        }

        return table.ToString();
    }

    private static IEnumerable<string> Leaves(Dictionary<string, object?> map, string prefix)
    {
        foreach (var (key, value) in map)
        {
            var path = prefix.Length == 0 ? key : $"{prefix}.{key}";
            if (value is Dictionary<string, object?> { Count: > 0 } child)
            {
                foreach (var leaf in Leaves(child, path))
                {
                    yield return leaf;
                }
            }
            else
            {
                yield return path;
            }
        }
    }

    private static object? Lookup(Dictionary<string, object?> tree, List<string> keys)
    {
        object? node = tree;
        foreach (var key in keys)
        {
            node = ((Dictionary<string, object?>)node!)[key];
        }

        return node;
    }

    [GeneratedRegex(@"^(?<indent>\s*)(?<key>[A-Za-z0-9_.-]+):")]
    private static partial Regex KeyLine();
}
