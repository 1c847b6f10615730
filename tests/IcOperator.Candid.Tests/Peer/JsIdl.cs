using System.Text;

namespace IcOperator.Candid.Tests.Peer;

/// <summary>Writes a Candid type as the JavaScript expression that builds it with @icp-sdk/core's <c>IDL</c>.</summary>
internal sealed class JsIdl
{
    private readonly Dictionary<NamedType, string> recursive = [];
    private readonly StringBuilder prelude = new();

    /// <summary>A JavaScript function body that returns the array of argument types.</summary>
    public static string ArgumentTypes(IReadOnlyList<CandidType> types)
    {
        var js = new JsIdl();
        var list = string.Join(", ", types.Select(js.Expression));
        return js.prelude + $"return [{list}];";
    }

    private string Expression(CandidType type)
    {
        if (type is NamedType named)
        {
            if (!recursive.TryGetValue(named, out var name))
            {
                name = $"t{recursive.Count}";
                recursive[named] = name;
                prelude.Append($"const {name} = IDL.Rec();\n");
                var body = Expression(named.Definition);
                prelude.Append($"{name}.fill({body});\n");
            }

            return name;
        }

        return type switch
        {
            OptType o => $"IDL.Opt({Expression(o.Inner)})",
            VecType v => $"IDL.Vec({Expression(v.Element)})",
            RecordType { IsTuple: true } r when r.Fields.All(f => f.Name is null) => $"IDL.Tuple({string.Join(", ", r.Fields.Select(f => Expression(f.Type)))})",
            RecordType r => $"IDL.Record({{{Fields(r.Fields)}}})",
            VariantType v => $"IDL.Variant({{{Fields(v.Cases)}}})",
            FuncType f => Func(f),
            ServiceType s => $"IDL.Service({{{string.Join(", ", s.Methods.Select(m => $"'{m.Name}': {Func(m.Type)}"))}}})",
            _ => type.Kind switch
            {
                CandidTypeKind.Null => "IDL.Null",
                CandidTypeKind.Bool => "IDL.Bool",
                CandidTypeKind.Nat => "IDL.Nat",
                CandidTypeKind.Int => "IDL.Int",
                CandidTypeKind.Nat8 => "IDL.Nat8",
                CandidTypeKind.Nat16 => "IDL.Nat16",
                CandidTypeKind.Nat32 => "IDL.Nat32",
                CandidTypeKind.Nat64 => "IDL.Nat64",
                CandidTypeKind.Int8 => "IDL.Int8",
                CandidTypeKind.Int16 => "IDL.Int16",
                CandidTypeKind.Int32 => "IDL.Int32",
                CandidTypeKind.Int64 => "IDL.Int64",
                CandidTypeKind.Float32 => "IDL.Float32",
                CandidTypeKind.Float64 => "IDL.Float64",
                CandidTypeKind.Text => "IDL.Text",
                CandidTypeKind.Reserved => "IDL.Reserved",
                CandidTypeKind.Empty => "IDL.Empty",
                CandidTypeKind.Principal => "IDL.Principal",
                _ => throw new NotSupportedException($"no IDL expression for {type}"),
            },
        };
    }

    private string Fields(IEnumerable<CandidField> fields) =>
        string.Join(", ", fields.Select(f => $"'{f.Name ?? $"_{f.Id}_"}': {Expression(f.Type)}"));

    private string Func(FuncType f)
    {
        var modes = f.Modes.Select(m => m switch
        {
            FuncMode.Query => "'query'",
            FuncMode.Oneway => "'oneway'",
            _ => "'composite_query'",
        });
        return $"IDL.Func([{string.Join(", ", f.Arguments.Select(Expression))}], [{string.Join(", ", f.Results.Select(Expression))}], [{string.Join(", ", modes)}])";
    }
}
