using System.Text.Json.Nodes;
using IcOperator.Emulators.Kube.Errors;

namespace IcOperator.Emulators.Kube.Selection;

/// <summary>A parsed <c>labelSelector</c> query parameter: all requirements must hold.</summary>
internal sealed class LabelSelector
{
    private readonly IReadOnlyList<LabelRequirement> _requirements;

    private LabelSelector(IReadOnlyList<LabelRequirement> requirements) => _requirements = requirements;

    public static LabelSelector Everything { get; } = new([]);

    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        var requirements = new List<LabelRequirement>();
        foreach (var clause in SplitClauses(text))
        {
            requirements.Add(ParseClause(clause.Trim(), text));
        }

        return new LabelSelector(requirements);
    }

    public bool Matches(JsonObject obj)
    {
        if (_requirements.Count == 0)
        {
            return true;
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (obj["metadata"]?["labels"] is JsonObject map)
        {
            foreach (var (key, value) in map)
            {
                labels[key] = value is JsonValue v && v.TryGetValue<string>(out var text) ? text : value?.ToJsonString() ?? string.Empty;
            }
        }

        return _requirements.All(r => r.Matches(labels));
    }

    // Commas inside "in (a,b)" belong to the set, not the selector.
    private static IEnumerable<string> SplitClauses(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            depth += text[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (text[i] == ',' && depth == 0)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }

        yield return text[start..];
    }

    private static LabelRequirement ParseClause(string clause, string whole)
    {
        if (clause.Length == 0)
        {
            throw Invalid(whole);
        }

        if (clause[0] == '!')
        {
            return new LabelRequirement(Key(clause[1..], whole), LabelOperator.DoesNotExist, new HashSet<string>());
        }

        var words = clause.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 2 && (words[1].StartsWith("in ", StringComparison.Ordinal) || words[1].StartsWith("in(", StringComparison.Ordinal) ||
                                  words[1].StartsWith("notin", StringComparison.Ordinal)))
        {
            var negated = words[1].StartsWith("notin", StringComparison.Ordinal);
            var set = words[1][(negated ? 5 : 2)..].Trim();
            if (!set.StartsWith('(') || !set.EndsWith(')'))
            {
                throw Invalid(whole);
            }

            var values = set[1..^1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
            return new LabelRequirement(Key(words[0], whole), negated ? LabelOperator.NotIn : LabelOperator.In, values);
        }

        foreach (var (symbol, op) in new[] { ("!=", LabelOperator.NotIn), ("==", LabelOperator.In), ("=", LabelOperator.In) })
        {
            var at = clause.IndexOf(symbol, StringComparison.Ordinal);
            if (at > 0)
            {
                var value = clause[(at + symbol.Length)..].Trim();
                return new LabelRequirement(Key(clause[..at], whole), op, new HashSet<string>(StringComparer.Ordinal) { value });
            }
        }

        return new LabelRequirement(Key(clause, whole), LabelOperator.Exists, new HashSet<string>());
    }

    private static string Key(string key, string whole)
    {
        key = key.Trim();
        if (key.Length == 0 || key.Any(c => !(char.IsLetterOrDigit(c) || c is '-' or '_' or '.' or '/')))
        {
            throw Invalid(whole);
        }

        return key;
    }

    private static KubeApiException Invalid(string whole) =>
        KubeErrors.BadRequest($"unable to parse requirement: found '{whole}', expected: key, '!', 'in', 'notin', '=', '==', '!='");
}
