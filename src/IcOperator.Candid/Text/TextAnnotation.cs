namespace IcOperator.Candid;

/// <summary>
/// Gives a value parsed from text the meaning of a type: number literals take the type's number kind
/// (in range), <c>vec nat8</c> becomes a blob, missing opt/null/reserved record fields become null,
/// a plain value at an <c>opt</c> type is wrapped. Anything that does not fit is an error naming the path.
/// </summary>
internal static class TextAnnotation
{
    public static IReadOnlyList<CandidValue> AnnotateArguments(IReadOnlyList<CandidValue> values, IReadOnlyList<CandidType> types)
    {
        var result = new CandidValue[types.Count];
        for (var i = 0; i < types.Count; i++)
        {
            if (i < values.Count)
            {
                result[i] = Annotate(values[i], types[i], $"argument {i}", 0);
            }
            else if (types[i].AcceptsNull)
            {
                result[i] = Coercion.NullFor(types[i]);
            }
            else
            {
                throw new CandidException($"argument {i} of type {types[i]} is missing: {values.Count} values given");
            }
        }

        // Extra values are ignored, as the decoder ignores extra arguments.
        return result;
    }

    public static CandidValue Annotate(CandidValue value, CandidType type) => Annotate(value, type, "value", 0);

    private static CandidValue Annotate(CandidValue value, CandidType type, string path, int depth)
    {
        if (depth > Nesting.Limit)
        {
            throw Nesting.TooDeep($"{path}: values");
        }

        type = type.Resolved;
        switch (type.Kind)
        {
            case CandidTypeKind.Reserved:
                return CandidReserved.Instance;
            case CandidTypeKind.Null:
                return value is CandidNull ? value : throw Mismatch(value, type, path);
            case CandidTypeKind.Opt:
                var inner = ((OptType)type).Inner;
                return value switch
                {
                    CandidNull or CandidReserved => CandidOpt.NoneValue,
                    CandidOpt { Value: null } => CandidOpt.NoneValue,
                    CandidOpt { Value: { } v } => new CandidOpt(Annotate(v, inner, path, depth + 1)),
                    _ when !inner.AcceptsNull => new CandidOpt(Annotate(value, inner, path, depth + 1)),
                    _ => throw Mismatch(value, type, path),
                };
            case CandidTypeKind.Bool:
                return value is CandidBool ? value : throw Mismatch(value, type, path);
            case CandidTypeKind.Text:
                return value is CandidText ? value : throw Mismatch(value, type, path);
            case CandidTypeKind.Float32 or CandidTypeKind.Float64:
                return value switch
                {
                    CandidFloat f when f.IsLiteral || f.Kind == type.Kind => f.Kind == type.Kind && !f.IsLiteral ? f : new CandidFloat(type.Kind, f.Value),
                    CandidNumber { IsLiteral: true } literal => new CandidFloat(type.Kind, (double)literal.Value),
                    _ => throw Mismatch(value, type, path),
                };
            case CandidTypeKind.Principal:
                return value switch
                {
                    CandidPrincipal => value,
                    CandidServiceReference s => new CandidPrincipal(s.Value),
                    _ => throw Mismatch(value, type, path),
                };
            case CandidTypeKind.Service:
                return value is CandidServiceReference ? value : throw Mismatch(value, type, path);
            case CandidTypeKind.Func:
                return value is CandidFunc ? value : throw Mismatch(value, type, path);
            case CandidTypeKind.Empty:
                throw new CandidException($"{path}: no value has type empty");
            case CandidTypeKind.Vec:
                return Vec(value, (VecType)type, path, depth);
            case CandidTypeKind.Record:
                return Record(value, (RecordType)type, path, depth);
            case CandidTypeKind.Variant:
                if (value is not CandidVariant variant)
                {
                    throw Mismatch(value, type, path);
                }

                var c = ((VariantType)type).Find(variant.Id)
                    ?? throw new CandidException($"{path}: variant case {variant.Id} is not one of {type}");
                return new CandidVariant(variant.Id, Annotate(variant.Value, c.Type, $"{path}.{c.Label}", depth + 1));
            default:
                if (value is CandidNumber n && NumberRange.IsInteger(type.Kind)
                    && (n.IsLiteral || n.Kind == type.Kind || (n.Kind == CandidTypeKind.Nat && type.Kind == CandidTypeKind.Int)))
                {
                    if (!NumberRange.Fits(type.Kind, n.Value))
                    {
                        throw new CandidException($"{path}: {n.Value} is out of range for {type}");
                    }

                    return n.Kind == type.Kind && !n.IsLiteral ? n : new CandidNumber(type.Kind, n.Value);
                }

                throw Mismatch(value, type, path);
        }
    }

    private static CandidValue Vec(CandidValue value, VecType type, string path, int depth)
    {
        if (value is CandidBlob blob)
        {
            if (type.IsBlob)
            {
                return blob;
            }

            value = new CandidVec([.. blob.Value.Select(b => (CandidValue)new CandidNumber(CandidTypeKind.Nat8, b, literal: true))]);
        }

        if (value is not CandidVec vec)
        {
            throw Mismatch(value, type, path);
        }

        var items = new CandidValue[vec.Items.Count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = Annotate(vec.Items[i], type.Element, $"{path}[{i}]", depth + 1);
        }

        return type.IsBlob ? new CandidBlob([.. items.Select(v => (byte)((CandidNumber)v).Value)]) : new CandidVec(items);
    }

    private static CandidRecord Record(CandidValue value, RecordType type, string path, int depth)
    {
        if (value is not CandidRecord record)
        {
            throw Mismatch(value, type, path);
        }

        var fields = new CandidFieldValue[type.FieldArray.Length];
        for (var i = 0; i < fields.Length; i++)
        {
            var f = type.FieldArray[i];
            var v = record.Find(f.Id);
            fields[i] = v is not null
                ? new CandidFieldValue(f.Id, Annotate(v, f.Type, $"{path}.{f.Label}", depth + 1))
                : f.Type.AcceptsNull
                    ? new CandidFieldValue(f.Id, Coercion.NullFor(f.Type))
                    : throw new CandidException($"{path}: field '{f.Label}' of type {f.Type} is missing");
        }

        return new CandidRecord(fields, trusted: true);
    }

    private static CandidException Mismatch(CandidValue value, CandidType type, string path)
    {
        var shown = value.ToString();
        if (shown.Length > 80)
        {
            shown = shown[..80] + "…";
        }

        return new CandidException($"{path}: expected {type} but found {shown}");
    }
}
