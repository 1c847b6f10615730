using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace IcOperator.Crds;

/// <summary>
/// Writes a tree of ordered maps, lists and scalars as block YAML, deterministically: the same tree
/// always gives the same bytes, so a committed CRD can be compared with a freshly generated one.
/// </summary>
internal static partial class YamlDocumentWriter
{
    /// <summary>Words a YAML 1.1 or 1.2 reader would not take as a plain string.</summary>
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~",
    };

    public static string Write(IReadOnlyDictionary<string, object?> document)
    {
        var output = new StringBuilder();
        WriteMap(output, document, 0);
        return output.ToString();
    }

    private static void WriteMap(StringBuilder output, IReadOnlyDictionary<string, object?> map, int indent)
    {
        foreach (var (key, value) in map)
        {
            output.Append(' ', indent).Append(Scalar(key)).Append(':');
            WriteValueAfterKey(output, value, indent);
        }
    }

    private static void WriteValueAfterKey(StringBuilder output, object? value, int indent)
    {
        switch (value)
        {
            case IReadOnlyDictionary<string, object?> { Count: > 0 } map:
                output.Append('\n');
                WriteMap(output, map, indent + 2);
                break;
            case IReadOnlyList<object?> { Count: > 0 } list:
                output.Append('\n');
                WriteList(output, list, indent);
                break;
            default:
                output.Append(' ').Append(Inline(value)).Append('\n');
                break;
        }
    }

    private static void WriteList(StringBuilder output, IReadOnlyList<object?> list, int indent)
    {
        foreach (var item in list)
        {
            output.Append(' ', indent).Append('-');
            switch (item)
            {
                case IReadOnlyDictionary<string, object?> { Count: > 0 } map:
                    var first = true;
                    foreach (var (key, value) in map)
                    {
                        if (first)
                        {
                            output.Append(' ');
                            first = false;
                        }
                        else
                        {
                            output.Append(' ', indent + 2);
                        }

                        output.Append(Scalar(key)).Append(':');
                        WriteValueAfterKey(output, value, indent + 2);
                    }

                    break;
                case IReadOnlyList<object?> { Count: > 0 } nested:
                    output.Append('\n');
                    WriteList(output, nested, indent + 2);
                    break;
                default:
                    output.Append(' ').Append(Inline(item)).Append('\n');
                    break;
            }
        }
    }

    private static string Inline(object? value) => value switch
    {
        null => "null",
        IReadOnlyDictionary<string, object?> => "{}",
        IReadOnlyList<object?> => "[]",
        bool b => b ? "true" : "false",
        int or long or ulong or uint => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        string s => Scalar(s),
        _ => throw new ArgumentException($"Cannot write a {value.GetType().Name} as YAML; expected a map, list, string, integer or boolean.", nameof(value)),
    };

    /// <summary>A string as a plain scalar when that reads back as the same string, else double-quoted.</summary>
    private static string Scalar(string text)
    {
        if (PlainSafe().IsMatch(text) && !Reserved.Contains(text) && !LooksNumeric().IsMatch(text))
        {
            return text;
        }

        var quoted = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': quoted.Append("\\\""); break;
                case '\\': quoted.Append("\\\\"); break;
                case '\n': quoted.Append("\\n"); break;
                case '\t': quoted.Append("\\t"); break;
                case < ' ': quoted.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
                default: quoted.Append(c); break;
            }
        }

        return quoted.Append('"').ToString();
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_ ./()+,'-]*[A-Za-z0-9_./)]$|^[A-Za-z]$")]
    private static partial Regex PlainSafe();

    [GeneratedRegex("^[-+.0-9]")]
    private static partial Regex LooksNumeric();
}
