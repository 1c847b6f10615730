using System.Text.Json.Nodes;

namespace IcOperator.Emulators.Kube.Tables;

/// <summary>
/// The JSONPath subset printer columns use: <c>.a.b</c>, <c>['a.b']</c>, <c>[0]</c>, <c>[*]</c> and
/// <c>[?(@.type=="Ready")]</c>, optionally wrapped in <c>{…}</c>.
/// </summary>
internal static class SimpleJsonPath
{
    public static IReadOnlyList<JsonNode?> Find(JsonNode? root, string path)
    {
        var expression = path.Trim();
        if (expression.StartsWith('{') && expression.EndsWith('}'))
        {
            expression = expression[1..^1];
        }

        if (expression.StartsWith('$'))
        {
            expression = expression[1..];
        }

        var current = new List<JsonNode?> { root };
        var i = 0;
        while (i < expression.Length && current.Count > 0)
        {
            if (expression[i] == '.')
            {
                var end = i + 1;
                while (end < expression.Length && expression[end] is not ('.' or '['))
                {
                    end++;
                }

                var field = expression[(i + 1)..end];
                current = field.Length == 0 ? current : Step(current, field);
                i = end;
            }
            else if (expression[i] == '[')
            {
                var end = ClosingBracket(expression, i);
                var inner = expression[(i + 1)..end].Trim();
                current = Bracket(current, inner);
                i = end + 1;
            }
            else
            {
                var end = i;
                while (end < expression.Length && expression[end] is not ('.' or '['))
                {
                    end++;
                }

                current = Step(current, expression[i..end]);
                i = end;
            }
        }

        return current;
    }

    private static int ClosingBracket(string expression, int open)
    {
        var quote = '\0';
        for (var i = open + 1; i < expression.Length; i++)
        {
            var c = expression[i];
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c == ']')
            {
                return i;
            }
        }

        return expression.Length - 1;
    }

    private static List<JsonNode?> Step(List<JsonNode?> nodes, string field) =>
        nodes.OfType<JsonObject>().Where(o => o.ContainsKey(field)).Select(o => o[field]).ToList();

    private static List<JsonNode?> Bracket(List<JsonNode?> nodes, string inner)
    {
        if (inner == "*")
        {
            return nodes.SelectMany(n => n switch
            {
                JsonArray a => a.ToList(),
                JsonObject o => o.Select(p => p.Value).ToList(),
                _ => [],
            }).ToList();
        }

        if (inner.Length >= 2 && inner[0] is '\'' or '"')
        {
            return Step(nodes, inner[1..^1]);
        }

        if (int.TryParse(inner, out var index))
        {
            return nodes.OfType<JsonArray>()
                .Select(a => index < 0 ? index + a.Count : index)
                .Zip(nodes.OfType<JsonArray>(), (at, a) => at >= 0 && at < a.Count ? a[at] : null)
                .Where(n => n is not null).ToList();
        }

        if (inner.StartsWith("?(", StringComparison.Ordinal) && inner.EndsWith(')'))
        {
            return Filter(nodes, inner[2..^1].Trim());
        }

        return [];
    }

    private static List<JsonNode?> Filter(List<JsonNode?> nodes, string condition)
    {
        var negate = condition.Contains("!=", StringComparison.Ordinal);
        var parts = condition.Split(negate ? "!=" : "==", 2, StringSplitOptions.TrimEntries);
        var items = nodes.SelectMany(n => n is JsonArray a ? a.ToList() : [n]).ToList();
        if (parts.Length != 2 || !parts[0].StartsWith('@'))
        {
            return items.Where(i => Find(i, parts[0].TrimStart('@')).Count > 0).ToList();
        }

        var expected = parts[1].Trim('\'', '"');
        return items.Where(i =>
        {
            var found = Find(i, parts[0][1..]);
            var equal = found.Count > 0 && found[0] is JsonValue v && v.ToString() == expected;
            return equal != negate;
        }).ToList();
    }
}
