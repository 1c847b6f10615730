using System.Globalization;
using System.Text;

namespace IcOperator.Tests.Argocd;

/// <summary>Writes a YAML tree (as read by YamlTree) as a Lua table constructor: how Argo CD hands an object to its scripts.</summary>
internal static class LuaLiteral
{
    public static string Of(object? value)
    {
        var text = new StringBuilder();
        Write(text, value);
        return text.ToString();
    }

    private static void Write(StringBuilder text, object? value)
    {
        switch (value)
        {
            case null:
                text.Append("nil");
                break;
            case bool flag:
                text.Append(flag ? "true" : "false");
                break;
            case long number:
                text.Append(number.ToString(CultureInfo.InvariantCulture));
                break;
            case string s:
                WriteString(text, s);
                break;
            case List<object?> list:
                text.Append('{');
                foreach (var item in list)
                {
                    Write(text, item);
                    text.Append(',');
                }

                text.Append('}');
                break;
            case Dictionary<string, object?> map:
                text.Append('{');
                foreach (var (key, item) in map)
                {
                    text.Append('[');
                    WriteString(text, key);
                    text.Append("]=");
                    Write(text, item);
                    text.Append(',');
                }

                text.Append('}');
                break;
            default:
                throw new ArgumentException($"no Lua literal for {value.GetType().Name}", nameof(value));
        }
    }

    // Decimal escapes for everything outside printable ASCII keep the literal valid whatever the text holds.
    private static void WriteString(StringBuilder text, string s)
    {
        text.Append('"');
        foreach (var b in Encoding.UTF8.GetBytes(s))
        {
            if (b is >= 0x20 and < 0x7f && b != '"' && b != '\\')
            {
                text.Append((char)b);
            }
            else
            {
                text.Append('\\').Append(b.ToString("000", CultureInfo.InvariantCulture));
            }
        }

        text.Append('"');
    }
}
