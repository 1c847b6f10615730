namespace IcOperator.Candid;

/// <summary>The type a value written without annotations is given, as <c>didc</c> does (numbers are int, floats float64).</summary>
internal static class TypeInference
{
    public static CandidType Infer(CandidValue value) => Infer(value, 0);

    private static CandidType Infer(CandidValue value, int depth)
    {
        if (depth > Nesting.Limit)
        {
            throw Nesting.TooDeep("values whose type is inferred");
        }

        return value switch
        {
            CandidNull => CandidType.Null,
            CandidReserved => CandidType.Reserved,
            CandidBool => CandidType.Bool,
            CandidNumber { IsLiteral: true } => CandidType.Int,
            CandidNumber n => PrimitiveType.Of(n.Kind),
            CandidFloat { IsLiteral: true } => CandidType.Float64,
            CandidFloat f => PrimitiveType.Of(f.Kind),
            CandidText => CandidType.Text,
            CandidPrincipal => CandidType.Principal,
            CandidServiceReference => CandidType.Service(),
            CandidFunc => CandidType.Func([], []),
            CandidBlob => CandidType.Blob,
            CandidOpt { Value: null } => CandidType.Opt(CandidType.Empty),
            CandidOpt o => CandidType.Opt(Infer(o.Value, depth + 1)),
            CandidVec { Items.Count: 0 } => CandidType.Vec(CandidType.Empty),
            CandidVec v => CandidType.Vec(Infer(v.Items[0], depth + 1)),
            CandidRecord r => new RecordType(r.FieldArray.Select(f => new CandidField(f.Id, null, Infer(f.Value, depth + 1)))),
            CandidVariant v => new VariantType([new CandidField(v.Id, null, Infer(v.Value, depth + 1))]),
            _ => throw new CandidException($"cannot infer a type for {value}"),
        };
    }
}
