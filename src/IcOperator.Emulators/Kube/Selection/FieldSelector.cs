using System.Text.Json.Nodes;
using IcOperator.Emulators.Kube.Errors;

namespace IcOperator.Emulators.Kube.Selection;

/// <summary>
/// A parsed <c>fieldSelector</c>: <c>path=value</c>, <c>path==value</c>, <c>path!=value</c>, joined by
/// commas. Every kind supports <c>metadata.name</c> and <c>metadata.namespace</c>; Events also the
/// fields <c>kubectl describe</c> asks for.
/// </summary>
internal sealed class FieldSelector
{
    private static readonly HashSet<string> EventFields = new(StringComparer.Ordinal)
    {
        "involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
        "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath",
        "reason", "reportingComponent", "source", "type", "regarding.kind", "regarding.name",
        "regarding.namespace", "regarding.uid",
    };

    private readonly IReadOnlyList<(string Path, bool Equal, string Value)> _terms;

    private FieldSelector(IReadOnlyList<(string Path, bool Equal, string Value)> terms) => _terms = terms;

    public static FieldSelector Everything { get; } = new([]);

    /// <summary>The name the selector pins with <c>metadata.name=</c>, for watches that follow one object.</summary>
    public string? PinnedName => _terms.FirstOrDefault(t => t.Path == "metadata.name" && t.Equal).Value;

    public static FieldSelector Parse(string? text, string kind)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        var terms = new List<(string, bool, string)>();
        foreach (var clause in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var (symbol, equal) = clause.Contains("!=", StringComparison.Ordinal) ? ("!=", false)
                : clause.Contains("==", StringComparison.Ordinal) ? ("==", true)
                : ("=", true);
            var at = clause.IndexOf(symbol, StringComparison.Ordinal);
            if (at <= 0)
            {
                throw KubeErrors.BadRequest($"invalid selector: '{text}'; can't understand '{clause}'");
            }

            var path = clause[..at].Trim();
            if (path is not ("metadata.name" or "metadata.namespace") && !(kind == "Event" && EventFields.Contains(path)))
            {
                throw KubeErrors.BadRequest($"field label not supported: {path}");
            }

            terms.Add((path, equal, clause[(at + symbol.Length)..].Trim()));
        }

        return new FieldSelector(terms);
    }

    public bool Matches(JsonObject obj)
    {
        foreach (var (path, equal, value) in _terms)
        {
            JsonNode? node = obj;
            foreach (var part in path.Split('.'))
            {
                node = node is JsonObject o ? o[part] : null;
            }

            var actual = node is JsonValue v ? v.ToString() : string.Empty;
            if ((actual == value) != equal)
            {
                return false;
            }
        }

        return true;
    }
}
