namespace IcOperator.Candid;

/// <summary>
/// The specification's coercion <c>v : t ~&gt; v' : t'</c> from a decoded wire value to the expected type.
/// A value that does not fit gives null (callers under <c>opt</c> turn that into none); exceeding the
/// depth bound is an error, never a silent null.
/// </summary>
internal sealed class Coercion(CandidDecoderOptions options)
{
    private Subtyping? subtyping;

    public string? LastFailure { get; private set; }

    public static CandidValue NullFor(CandidType type) => type.Resolved.Kind switch
    {
        CandidTypeKind.Null => CandidNull.Instance,
        CandidTypeKind.Opt => CandidOpt.NoneValue,
        _ => CandidReserved.Instance,
    };

    public CandidValue? Coerce(CandidValue value, CandidType wire, CandidType expected, int depth)
    {
        if (depth > options.MaxDepth)
        {
            throw new CandidException($"invalid Candid message: the expected type unfolds deeper than {options.MaxDepth} levels while reading the value");
        }

        wire = wire.Resolved;
        expected = expected.Resolved;
        switch (expected.Kind)
        {
            case CandidTypeKind.Reserved:
                return CandidReserved.Instance;
            case CandidTypeKind.Opt:
                return CoerceOpt(value, wire, ((OptType)expected).Inner, depth);
            case CandidTypeKind.Null:
                return wire.Kind == CandidTypeKind.Null ? CandidNull.Instance : Mismatch(wire, expected);
            case CandidTypeKind.Int:
                return wire.Kind switch
                {
                    CandidTypeKind.Int => value,
                    CandidTypeKind.Nat => new CandidNumber(CandidTypeKind.Int, ((CandidNumber)value).Value),
                    _ => Mismatch(wire, expected),
                };
            case CandidTypeKind.Principal:
                return wire.Kind switch
                {
                    CandidTypeKind.Principal => value,
                    CandidTypeKind.Service => new CandidPrincipal(((CandidServiceReference)value).Value),
                    _ => Mismatch(wire, expected),
                };
            case CandidTypeKind.Vec:
                return wire is VecType wv ? CoerceVec(value, wv, (VecType)expected, depth) : Mismatch(wire, expected);
            case CandidTypeKind.Record:
                return wire is RecordType wr ? CoerceRecord((CandidRecord)value, wr, (RecordType)expected, depth) : Mismatch(wire, expected);
            case CandidTypeKind.Variant:
                if (wire is not VariantType wvar)
                {
                    return Mismatch(wire, expected);
                }

                var variant = (CandidVariant)value;
                var expectedCase = ((VariantType)expected).Find(variant.Id);
                if (expectedCase is null)
                {
                    LastFailure = $"variant case {variant.Id} is not one of {expected}";
                    return null;
                }

                var inner = Coerce(variant.Value, wvar.Find(variant.Id)!.Type, expectedCase.Type, depth + 1);
                return inner is null ? null : ReferenceEquals(inner, variant.Value) ? variant : new CandidVariant(variant.Id, inner);
            case CandidTypeKind.Func:
            case CandidTypeKind.Service:
                subtyping ??= new Subtyping();
                if (wire.Kind != expected.Kind || !subtyping.IsSubtype(wire, expected))
                {
                    return Mismatch(wire, expected);
                }

                return value;
            case CandidTypeKind.Empty:
                return Mismatch(wire, expected);
            default:
                return wire.Kind == expected.Kind ? value : Mismatch(wire, expected);
        }
    }

    private CandidOpt CoerceOpt(CandidValue value, CandidType wire, CandidType expectedInner, int depth)
    {
        switch (wire.Kind)
        {
            case CandidTypeKind.Null or CandidTypeKind.Reserved or CandidTypeKind.Future:
                return CandidOpt.NoneValue;
            case CandidTypeKind.Opt:
                var opt = (CandidOpt)value;
                if (opt.Value is null)
                {
                    return opt;
                }

                var inner = Coerce(opt.Value, ((OptType)wire).Inner, expectedInner, depth + 1);
                return inner is null ? CandidOpt.NoneValue : ReferenceEquals(inner, opt.Value) ? opt : new CandidOpt(inner);
            default:
                var some = Coerce(value, wire, expectedInner, depth + 1);
                return some is null ? CandidOpt.NoneValue : new CandidOpt(some);
        }
    }

    private CandidValue? CoerceVec(CandidValue value, VecType wire, VecType expected, int depth)
    {
        if (value is CandidBlob blob)
        {
            var elementKind = expected.Element.Resolved.Kind;
            if (elementKind == CandidTypeKind.Nat8)
            {
                return value;
            }

            value = new CandidVec([.. blob.Value.Select(b => (CandidValue)new CandidNumber(CandidTypeKind.Nat8, b))]);
        }

        var items = ((CandidVec)value).Items;
        CandidValue[]? result = null;
        for (var i = 0; i < items.Count; i++)
        {
            var item = Coerce(items[i], wire.Element, expected.Element, depth + 1);
            if (item is null)
            {
                return null;
            }

            if (result is null && !ReferenceEquals(item, items[i]))
            {
                result = new CandidValue[items.Count];
                for (var k = 0; k < i; k++)
                {
                    result[k] = items[k];
                }
            }

            if (result is not null)
            {
                result[i] = item;
            }
        }

        if (expected.IsBlob)
        {
            return new CandidBlob([.. (result ?? items).Select(v => (byte)((CandidNumber)v).Value)]);
        }

        return result is null ? value : new CandidVec(result);
    }

    private CandidRecord? CoerceRecord(CandidRecord value, RecordType wire, RecordType expected, int depth)
    {
        var expectedFields = expected.FieldArray;
        var wireValues = value.FieldArray;
        var same = expectedFields.Length == wireValues.Length;
        var result = new CandidFieldValue[expectedFields.Length];
        var w = 0;
        for (var i = 0; i < expectedFields.Length; i++)
        {
            var field = expectedFields[i];
            while (w < wireValues.Length && wireValues[w].Id < field.Id)
            {
                w++;
                same = false;
            }

            if (w < wireValues.Length && wireValues[w].Id == field.Id)
            {
                var wireField = wire.FieldArray[w];
                var coerced = Coerce(wireValues[w].Value, wireField.Type, field.Type, depth + 1);
                if (coerced is null)
                {
                    LastFailure = $"field '{field.Label}': {LastFailure}";
                    return null;
                }

                same &= ReferenceEquals(coerced, wireValues[w].Value);
                result[i] = new CandidFieldValue(field.Id, coerced);
                w++;
            }
            else if (field.Type.AcceptsNull)
            {
                same = false;
                result[i] = new CandidFieldValue(field.Id, NullFor(field.Type));
            }
            else
            {
                LastFailure = $"field '{field.Label}' of type {field.Type} is missing";
                return null;
            }
        }

        return same ? value : new CandidRecord(result, trusted: true);
    }

    private CandidValue? Mismatch(CandidType wire, CandidType expected)
    {
        LastFailure = $"a value of type {wire} does not fit type {expected}";
        return null;
    }
}
