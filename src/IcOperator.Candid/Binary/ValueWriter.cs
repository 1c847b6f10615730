using System.Numerics;

namespace IcOperator.Candid;

/// <summary>Writes values in the binary format, checking that each one fits its type.</summary>
internal static class ValueWriter
{
    public static void Write(ByteSink sink, CandidValue value, CandidType type, int depth = 0)
    {
        if (depth > Nesting.Limit)
        {
            throw Nesting.TooDeep("values");
        }

        type = type.Resolved;
        switch (type.Kind)
        {
            case CandidTypeKind.Null:
                Expect<CandidNull>(value, type);
                break;
            case CandidTypeKind.Bool:
                sink.Byte(Expect<CandidBool>(value, type).Value ? (byte)1 : (byte)0);
                break;
            case CandidTypeKind.Nat:
                sink.Leb(Number(value, type));
                break;
            case CandidTypeKind.Int:
                sink.Sleb(Number(value, type));
                break;
            case CandidTypeKind.Nat8:
            case CandidTypeKind.Int8:
                sink.Byte((byte)(int)(Number(value, type) & 0xff));
                break;
            case CandidTypeKind.Nat16:
            case CandidTypeKind.Int16:
                sink.UInt16((ushort)(int)(Number(value, type) & 0xffff));
                break;
            case CandidTypeKind.Nat32:
            case CandidTypeKind.Int32:
                sink.UInt32((uint)(Number(value, type) & uint.MaxValue));
                break;
            case CandidTypeKind.Nat64:
            case CandidTypeKind.Int64:
                sink.UInt64((ulong)(Number(value, type) & ulong.MaxValue));
                break;
            case CandidTypeKind.Float32:
                var f32 = BitConverter.SingleToUInt32Bits((float)Float(value, type));
                sink.UInt32(f32);
                break;
            case CandidTypeKind.Float64:
                sink.UInt64(BitConverter.DoubleToUInt64Bits(Float(value, type)));
                break;
            case CandidTypeKind.Text:
                sink.Utf8(Expect<CandidText>(value, type).Value);
                break;
            case CandidTypeKind.Reserved:
                break;
            case CandidTypeKind.Empty:
                throw new CandidException("no value has type empty");
            case CandidTypeKind.Principal:
            case CandidTypeKind.Service:
                var principal = value switch
                {
                    CandidPrincipal p => p.Value,
                    CandidServiceReference s => s.Value,
                    _ => throw Mismatch(value, type),
                };
                WritePrincipal(sink, principal);
                break;
            case CandidTypeKind.Func:
                var func = Expect<CandidFunc>(value, type);
                sink.Byte(1);
                WritePrincipal(sink, func.Service);
                sink.Utf8(func.Method);
                break;
            case CandidTypeKind.Opt:
                switch (value)
                {
                    case CandidOpt { Value: { } inner }:
                        sink.Byte(1);
                        Write(sink, inner, ((OptType)type).Inner, depth + 1);
                        break;
                    case CandidOpt or CandidNull:
                        sink.Byte(0);
                        break;
                    default:
                        throw Mismatch(value, type);
                }

                break;
            case CandidTypeKind.Vec:
                WriteVec(sink, value, (VecType)type, depth);
                break;
            case CandidTypeKind.Record:
                WriteRecord(sink, Expect<CandidRecord>(value, type), (RecordType)type, depth);
                break;
            case CandidTypeKind.Variant:
                var variant = Expect<CandidVariant>(value, type);
                var variantType = (VariantType)type;
                var index = variantType.IndexOf(variant.Id);
                if (index < 0)
                {
                    throw new CandidException($"variant case {variant.Id} is not one of {type}");
                }

                sink.Leb((ulong)index);
                Write(sink, variant.Value, variantType.CaseArray[index].Type, depth + 1);
                break;
            default:
                throw new CandidException($"values of type {type} cannot be encoded");
        }
    }

    private static void WriteVec(ByteSink sink, CandidValue value, VecType type, int depth)
    {
        if (value is CandidBlob blob)
        {
            if (!type.IsBlob)
            {
                throw Mismatch(value, type);
            }

            sink.Leb((ulong)blob.Value.Length);
            sink.Bytes(blob.Value);
            return;
        }

        var items = Expect<CandidVec>(value, type).Items;
        sink.Leb((ulong)items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            Write(sink, items[i], type.Element, depth + 1);
        }
    }

    private static void WriteRecord(ByteSink sink, CandidRecord record, RecordType type, int depth)
    {
        var values = record.FieldArray;
        var v = 0;
        foreach (var field in type.FieldArray)
        {
            while (v < values.Length && values[v].Id < field.Id)
            {
                v++;
            }

            if (v < values.Length && values[v].Id == field.Id)
            {
                try
                {
                    Write(sink, values[v].Value, field.Type, depth + 1);
                }
                catch (CandidException e) when (depth < 64)
                {
                    throw new CandidException($"field '{field.Label}': {e.Message}", e);
                }

                v++;
            }
            else if (field.Type.AcceptsNull)
            {
                Write(sink, Coercion.NullFor(field.Type), field.Type, depth + 1);
            }
            else
            {
                throw new CandidException($"record value has no field '{field.Label}' (id {field.Id}) of type {field.Type}");
            }
        }
    }

    private static void WritePrincipal(ByteSink sink, Principal principal)
    {
        sink.Byte(1);
        sink.Leb((ulong)principal.Length);
        sink.Bytes(principal.Bytes);
    }

    private static BigInteger Number(CandidValue value, CandidType type)
    {
        if (value is not CandidNumber n || !NumberRange.Fits(type.Kind, n.Value)
            || !(n.IsLiteral || n.Kind == type.Kind || (n.Kind == CandidTypeKind.Nat && type.Kind == CandidTypeKind.Int)))
        {
            throw Mismatch(value, type);
        }

        return n.Value;
    }

    private static double Float(CandidValue value, CandidType type) => value switch
    {
        CandidFloat f when f.IsLiteral || f.Kind == type.Kind => f.Value,
        CandidNumber { IsLiteral: true } n => (double)n.Value,
        _ => throw Mismatch(value, type),
    };

    private static T Expect<T>(CandidValue value, CandidType type)
        where T : CandidValue => value as T ?? throw Mismatch(value, type);

    private static CandidException Mismatch(CandidValue value, CandidType type)
    {
        var shown = value.ToString();
        if (shown.Length > 80)
        {
            shown = shown[..80] + "…";
        }

        return new CandidException($"expected a value of type {type}, found {shown}");
    }
}
