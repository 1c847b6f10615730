using System.Text;

namespace IcOperator.Candid;

/// <summary>Writes types in <c>.did</c> syntax; named types print as their names so recursion ends.</summary>
internal static class TypePrinter
{
    private static readonly HashSet<string> Keywords =
    [
        "null", "bool", "nat", "int", "nat8", "nat16", "nat32", "nat64", "int8", "int16", "int32", "int64",
        "float32", "float64", "text", "reserved", "empty", "principal", "opt", "vec", "record", "variant",
        "func", "service", "type", "import", "blob", "query", "oneway", "composite_query",
    ];

    public static string Print(CandidType type)
    {
        var sb = new StringBuilder();
        Write(sb, type, [], 0);
        return sb.ToString();
    }

    public static string PrimitiveName(CandidTypeKind kind) => kind switch
    {
        CandidTypeKind.Null => "null",
        CandidTypeKind.Bool => "bool",
        CandidTypeKind.Nat => "nat",
        CandidTypeKind.Int => "int",
        CandidTypeKind.Nat8 => "nat8",
        CandidTypeKind.Nat16 => "nat16",
        CandidTypeKind.Nat32 => "nat32",
        CandidTypeKind.Nat64 => "nat64",
        CandidTypeKind.Int8 => "int8",
        CandidTypeKind.Int16 => "int16",
        CandidTypeKind.Int32 => "int32",
        CandidTypeKind.Int64 => "int64",
        CandidTypeKind.Float32 => "float32",
        CandidTypeKind.Float64 => "float64",
        CandidTypeKind.Text => "text",
        CandidTypeKind.Reserved => "reserved",
        CandidTypeKind.Empty => "empty",
        CandidTypeKind.Principal => "principal",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>A field or method name as written in Candid: bare when it is an identifier, quoted otherwise.</summary>
    public static string Name(string name)
    {
        var bare = name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_')
            && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') && !Keywords.Contains(name);
        return bare ? name : TextPrinter.Quote(name);
    }

    public static void WriteTypeList(StringBuilder sb, IReadOnlyList<CandidType> types, HashSet<CandidType> visiting, int depth = 0)
    {
        sb.Append('(');
        for (var i = 0; i < types.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }

            Write(sb, types[i], visiting, depth + 1);
        }

        sb.Append(')');
    }

    public static void WriteFuncSignature(StringBuilder sb, FuncType func, HashSet<CandidType> visiting, int depth = 0)
    {
        WriteTypeList(sb, func.Arguments, visiting, depth);
        sb.Append(" -> ");
        WriteTypeList(sb, func.Results, visiting, depth);
        foreach (var mode in func.Modes)
        {
            sb.Append(mode switch
            {
                FuncMode.Query => " query",
                FuncMode.Oneway => " oneway",
                FuncMode.CompositeQuery => " composite_query",
                _ => string.Empty,
            });
        }
    }

    private static void Write(StringBuilder sb, CandidType type, HashSet<CandidType> visiting, int depth = 0)
    {
        if (depth > 32)
        {
            // Types in messages are for people; a deeper one is cut short rather than printed whole.
            sb.Append('…');
            return;
        }

        if (type is NamedType named)
        {
            sb.Append(named.Name);
            return;
        }

        if (type is PrimitiveType)
        {
            sb.Append(PrimitiveName(type.Kind));
            return;
        }

        if (!visiting.Add(type))
        {
            // A cycle in a decoded type table has no name to print.
            sb.Append('μ').Append(type.Kind.ToString().ToLowerInvariant());
            return;
        }

        switch (type)
        {
            case OptType opt:
                sb.Append("opt ");
                Write(sb, opt.Inner, visiting, depth + 1);
                break;
            case VecType vec when vec.Element == CandidType.Nat8:
                sb.Append("blob");
                break;
            case VecType vec:
                sb.Append("vec ");
                Write(sb, vec.Element, visiting, depth + 1);
                break;
            case RecordType record:
                WriteFields(sb, "record", record.FieldArray, record.IsTuple, visiting, depth);
                break;
            case VariantType variant:
                WriteFields(sb, "variant", variant.CaseArray, false, visiting, depth);
                break;
            case FuncType func:
                sb.Append("func ");
                WriteFuncSignature(sb, func, visiting, depth + 1);
                break;
            case ServiceType service:
                sb.Append("service {");
                foreach (var m in service.Methods)
                {
                    sb.Append(' ').Append(Name(m.Name)).Append(" : ");
                    WriteFuncSignature(sb, m.Type, visiting, depth + 1);
                    sb.Append(';');
                }

                sb.Append(service.Methods.Count > 0 ? " }" : "}");
                break;
            case FutureType future:
                sb.Append("future(").Append(future.Opcode).Append(')');
                break;
            default:
                sb.Append(type.Kind.ToString().ToLowerInvariant());
                break;
        }

        visiting.Remove(type);
    }

    private static void WriteFields(StringBuilder sb, string keyword, CandidField[] fields, bool tuple, HashSet<CandidType> visiting, int depth)
    {
        sb.Append(keyword).Append(" {");
        foreach (var f in fields)
        {
            sb.Append(' ');
            if (tuple)
            {
                Write(sb, f.Type, visiting, depth + 1);
            }
            else
            {
                sb.Append(f.Name is null ? f.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) : Name(f.Name));
                if (keyword == "record" || f.Type.Resolved.Kind != CandidTypeKind.Null || f.Type is NamedType)
                {
                    sb.Append(" : ");
                    Write(sb, f.Type, visiting, depth + 1);
                }
            }

            sb.Append(';');
        }

        sb.Append(fields.Length > 0 ? " }" : "}");
    }
}
