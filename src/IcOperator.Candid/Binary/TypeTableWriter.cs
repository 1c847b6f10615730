using System.Runtime.CompilerServices;

namespace IcOperator.Candid;

/// <summary>
/// Builds the type table of a message: each constructed type gets one entry, structurally equal
/// entries are shared, and recursive types point back at their own entry.
/// </summary>
internal sealed class TypeTableWriter
{
    private static readonly ConditionalWeakTable<CandidType, byte[]> SingleArgumentHeaders = [];

    private readonly List<byte[]?> entries = [];
    private readonly Dictionary<CandidType, int> byIdentity = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<CandidType> open = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, int> byContent = [];

    /// <summary>"DIDL", the type table and the argument type list.</summary>
    public static byte[] Header(IReadOnlyList<CandidType> types)
    {
        if (types.Count == 1)
        {
            return SingleArgumentHeaders.GetValue(types[0], t => Build([t]));
        }

        return Build(types);
    }

    private static byte[] Build(IReadOnlyList<CandidType> types)
    {
        var writer = new TypeTableWriter();
        var refs = types.Select(t => writer.Visit(t, 0)).ToArray();
        var sink = new ByteSink();
        sink.Bytes("DIDL"u8);
        sink.Leb((ulong)writer.entries.Count);
        foreach (var e in writer.entries)
        {
            sink.Bytes(e!);
        }

        sink.Leb((ulong)refs.Length);
        foreach (var r in refs)
        {
            sink.Sleb(r);
        }

        return sink.ToArray();
    }

    private int Visit(CandidType type, int depth)
    {
        if (depth > Nesting.Limit)
        {
            throw Nesting.TooDeep("types");
        }

        type = type.Resolved;
        if (type is PrimitiveType)
        {
            return (int)type.Kind;
        }

        if (byIdentity.TryGetValue(type, out var known))
        {
            return known;
        }

        if (!open.Add(type))
        {
            // Met again while its components are written: reserve its entry now, fill it when done.
            var reserved = entries.Count;
            entries.Add(null);
            byIdentity[type] = reserved;
            return reserved;
        }

        var sink = new ByteSink(32);
        switch (type)
        {
            case OptType opt:
                var inner = Visit(opt.Inner, depth + 1);
                sink.Sleb((long)CandidTypeKind.Opt);
                sink.Sleb(inner);
                break;
            case VecType vec:
                var element = Visit(vec.Element, depth + 1);
                sink.Sleb((long)CandidTypeKind.Vec);
                sink.Sleb(element);
                break;
            case RecordType record:
                WriteFields(sink, CandidTypeKind.Record, record.FieldArray, depth);
                break;
            case VariantType variant:
                WriteFields(sink, CandidTypeKind.Variant, variant.CaseArray, depth);
                break;
            case FuncType func:
                var args = func.Arguments.Select(t => Visit(t, depth + 1)).ToArray();
                var results = func.Results.Select(t => Visit(t, depth + 1)).ToArray();
                sink.Sleb((long)CandidTypeKind.Func);
                sink.Leb((ulong)args.Length);
                foreach (var a in args)
                {
                    sink.Sleb(a);
                }

                sink.Leb((ulong)results.Length);
                foreach (var r in results)
                {
                    sink.Sleb(r);
                }

                sink.Leb((ulong)func.Modes.Count);
                foreach (var m in func.Modes)
                {
                    sink.Byte((byte)m);
                }

                break;
            case ServiceType service:
                var methods = service.Methods.Select(m => (m.Name, Ref: Visit(m.Type, depth + 1))).ToArray();
                sink.Sleb((long)CandidTypeKind.Service);
                sink.Leb((ulong)methods.Length);
                foreach (var (name, r) in methods)
                {
                    sink.Utf8(name);
                    sink.Sleb(r);
                }

                break;
            default:
                throw new CandidException($"type {type} cannot be encoded");
        }

        open.Remove(type);
        var bytes = sink.ToArray();
        if (byIdentity.TryGetValue(type, out var slot))
        {
            entries[slot] = bytes;
            return slot;
        }

        var key = Convert.ToBase64String(bytes);
        if (!byContent.TryGetValue(key, out var index))
        {
            index = entries.Count;
            entries.Add(bytes);
            byContent[key] = index;
        }

        byIdentity[type] = index;
        return index;
    }

    private void WriteFields(ByteSink sink, CandidTypeKind kind, CandidField[] fields, int depth)
    {
        var refs = fields.Select(f => Visit(f.Type, depth + 1)).ToArray();
        sink.Sleb((long)kind);
        sink.Leb((ulong)fields.Length);
        for (var i = 0; i < fields.Length; i++)
        {
            sink.Leb(fields[i].Id);
            sink.Sleb(refs[i]);
        }
    }
}
