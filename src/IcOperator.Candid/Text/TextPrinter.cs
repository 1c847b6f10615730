using System.Globalization;
using System.Text;

namespace IcOperator.Candid;

/// <summary>
/// Writes values in Candid text. With a type, field and case names come from it and numbers are plain;
/// without one, fields print as ids and numbers carry their type (<c>42 : nat</c>) so the text says what the bytes said.
/// </summary>
internal static class TextPrinter
{
    private const int MaxDepth = 1000;

    public static string PrintArguments(IReadOnlyList<CandidValue> values, IReadOnlyList<CandidType>? types)
    {
        var sb = new StringBuilder("(");
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }

            Write(sb, values[i], types is not null && i < types.Count ? types[i] : null, 0);
        }

        return sb.Append(')').ToString();
    }

    public static string Print(CandidValue value, CandidType? type)
    {
        var sb = new StringBuilder();
        Write(sb, value, type, 0);
        return sb.ToString();
    }

    public static string Quote(string text) => Quote(Encoding.UTF8.GetBytes(text), asText: true);

    private static string Quote(ReadOnlySpan<byte> bytes, bool asText)
    {
        var sb = new StringBuilder("\"");
        if (asText)
        {
            foreach (var rune in Encoding.UTF8.GetString(bytes).EnumerateRunes())
            {
                switch (rune.Value)
                {
                    case '"': sb.Append("\\\""); break;
                    case '\\': sb.Append("\\\\"); break;
                    case '\n': sb.Append("\\n"); break;
                    case '\r': sb.Append("\\r"); break;
                    case '\t': sb.Append("\\t"); break;
                    case < 0x20 or 0x7f: sb.Append("\\u{").Append(rune.Value.ToString("x", CultureInfo.InvariantCulture)).Append('}'); break;
                    default: sb.Append(rune.ToString()); break;
                }
            }
        }
        else
        {
            foreach (var b in bytes)
            {
                if (b is >= 0x20 and < 0x7f && b != '"' && b != '\\')
                {
                    sb.Append((char)b);
                }
                else
                {
                    sb.Append('\\').Append(b.ToString("x2", CultureInfo.InvariantCulture));
                }
            }
        }

        return sb.Append('"').ToString();
    }

    private static void Write(StringBuilder sb, CandidValue value, CandidType? type, int depth)
    {
        if (depth > MaxDepth)
        {
            sb.Append('…');
            return;
        }

        type = type?.Resolved;
        switch (value)
        {
            case CandidNull or CandidReserved or CandidFuture:
                sb.Append("null");
                break;
            case CandidBool b:
                sb.Append(b.Value ? "true" : "false");
                break;
            case CandidNumber n:
                sb.Append(Grouped(n.Value.ToString(CultureInfo.InvariantCulture)));
                if (type is null && !n.IsLiteral)
                {
                    sb.Append(" : ").Append(TypePrinter.PrimitiveName(n.Kind));
                }

                break;
            case CandidFloat f:
                sb.Append(FloatText(f.Value));
                if (type is null && !f.IsLiteral && f.Kind == CandidTypeKind.Float32)
                {
                    sb.Append(" : float32");
                }

                break;
            case CandidText t:
                sb.Append(Quote(t.Value));
                break;
            case CandidPrincipal p:
                sb.Append("principal \"").Append(p.Value.ToString()).Append('"');
                break;
            case CandidServiceReference s:
                sb.Append("service \"").Append(s.Value.ToString()).Append('"');
                break;
            case CandidFunc func:
                sb.Append("func \"").Append(func.Service.ToString()).Append("\".").Append(TypePrinter.Name(func.Method));
                break;
            case CandidBlob blob:
                sb.Append("blob ").Append(Quote(blob.Value, asText: false));
                break;
            case CandidOpt o:
                if (o.Value is null)
                {
                    sb.Append("null");
                }
                else
                {
                    sb.Append("opt ");
                    Write(sb, o.Value, (type as OptType)?.Inner, depth + 1);
                }

                break;
            case CandidVec vec:
                sb.Append("vec {");
                var element = (type as VecType)?.Element;
                for (var i = 0; i < vec.Items.Count; i++)
                {
                    sb.Append(i == 0 ? " " : "; ");
                    Write(sb, vec.Items[i], element, depth + 1);
                }

                sb.Append(vec.Items.Count > 0 ? " }" : "}");
                break;
            case CandidRecord record:
                WriteRecord(sb, record, type as RecordType, depth);
                break;
            case CandidVariant variant:
                var c = (type as VariantType)?.Find(variant.Id);
                sb.Append("variant { ").Append(Label(variant.Id, c));
                if (variant.Value is not CandidNull)
                {
                    sb.Append(" = ");
                    Write(sb, variant.Value, c?.Type, depth + 1);
                }

                sb.Append(" }");
                break;
            default:
                sb.Append(value.GetType().Name);
                break;
        }
    }

    private static void WriteRecord(StringBuilder sb, CandidRecord record, RecordType? type, int depth)
    {
        var fields = record.FieldArray;
        var tuple = fields.Length > 0 && (type?.IsTuple ?? true);
        for (var i = 0; i < fields.Length && tuple; i++)
        {
            tuple = fields[i].Id == i;
        }

        sb.Append("record {");
        for (var i = 0; i < fields.Length; i++)
        {
            sb.Append(i == 0 ? " " : "; ");
            var f = type?.Find(fields[i].Id);
            if (!tuple)
            {
                sb.Append(Label(fields[i].Id, f)).Append(" = ");
            }

            Write(sb, fields[i].Value, f?.Type, depth + 1);
        }

        sb.Append(fields.Length > 0 ? " }" : "}");
    }

    private static string Label(uint id, CandidField? field) =>
        field?.Name is { } name ? TypePrinter.Name(name) : Grouped(id.ToString(CultureInfo.InvariantCulture));

    private static string FloatText(double d)
    {
        if (double.IsNaN(d))
        {
            return "nan";
        }

        if (double.IsInfinity(d))
        {
            return d > 0 ? "inf" : "-inf";
        }

        var s = d.ToString("R", CultureInfo.InvariantCulture);
        return s.Contains('.', StringComparison.Ordinal) || s.Contains('E', StringComparison.Ordinal) ? s : s + ".0";
    }

    /// <summary>Digits grouped by underscores as <c>didc</c> prints them (<c>1_000_000</c>).</summary>
    private static string Grouped(string digits)
    {
        var negative = digits.StartsWith('-');
        var body = negative ? digits[1..] : digits;
        if (body.Length <= 4)
        {
            return digits;
        }

        var sb = new StringBuilder();
        var lead = body.Length % 3;
        if (lead > 0)
        {
            sb.Append(body, 0, lead);
        }

        for (var i = lead; i < body.Length; i += 3)
        {
            if (sb.Length > 0)
            {
                sb.Append('_');
            }

            sb.Append(body, i, 3);
        }

        return (negative ? "-" : string.Empty) + sb;
    }
}
