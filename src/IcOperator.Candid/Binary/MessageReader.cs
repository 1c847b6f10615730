using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace IcOperator.Candid;

/// <summary>
/// Reads a DIDL message into its wire types and values, checking every bound the specification asks
/// for: lengths never overshoot the input, the type table is well formed, nothing trails, and the
/// number of values and the nesting depth stay within <see cref="CandidDecoderOptions"/>.
/// </summary>
internal sealed class MessageReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    private readonly byte[] data;
    private readonly CandidDecoderOptions options;
    private readonly Dictionary<CandidType, bool> zeroSized = new(ReferenceEqualityComparer.Instance);
    private int pos;
    private long budget;
    private CandidType[] table = [];

    public MessageReader(byte[] data, CandidDecoderOptions options)
    {
        this.data = data;
        this.options = options;
        budget = options.MaxValues;
    }

    private int Remaining => data.Length - pos;

    /// <summary>
    /// Reads the message. With expected types, parts the expected types will never look at (extra
    /// arguments, record fields they lack, anything read as <c>reserved</c>) are checked and skipped, not built.
    /// </summary>
    public (CandidType[] Types, CandidValue[] Values) Read(IReadOnlyList<CandidType>? expected = null)
    {
        var keep = expected?.Count ?? int.MaxValue;
        if (data.Length < 4 || data[0] != 'D' || data[1] != 'I' || data[2] != 'D' || data[3] != 'L')
        {
            throw Fail("message does not start with the magic bytes \"DIDL\"");
        }

        pos = 4;
        ReadTypeTable();
        var argCount = ReadLength("argument count", minBytesEach: 1);
        var types = new CandidType[argCount];
        for (var i = 0; i < argCount; i++)
        {
            types[i] = ReadTypeRef($"argument {i}");
        }

        var values = new CandidValue[argCount];
        for (var i = 0; i < argCount; i++)
        {
            if (i < keep)
            {
                values[i] = ReadValue(types[i], 0, expected?[i]);
            }
            else
            {
                SkipValue(types[i], 0);
                values[i] = CandidReserved.Instance;
            }
        }

        if (pos != data.Length)
        {
            throw Fail($"{data.Length - pos} bytes left over after the last argument");
        }

        return (types, values);
    }

    private void ReadTypeTable()
    {
        var count = ReadLength("type table length", minBytesEach: 1);
        table = new CandidType[count];
        var opcodes = new int[count];
        var starts = new int[count];

        // First pass: create an empty type per entry so entries can refer to each other (and themselves).
        for (var i = 0; i < count; i++)
        {
            starts[i] = pos;
            var op = ReadSleb32("type opcode");
            opcodes[i] = op;
            table[i] = op switch
            {
                -18 => new OptType(null),
                -19 => new VecType(null),
                -20 => new RecordType([]),
                -21 => new VariantType([]),
                -22 => new FuncType([], [], []),
                -23 => new ServiceType([]),
                < -24 => new FutureType(op),
                _ => throw Fail($"type table entry {i} has opcode {op}; expected a constructed type (opt, vec, record, variant, func, service)"),
            };
            SkipEntry(op, i);
        }

        var end = pos;
        var tableBytes = data.AsSpan(4, end - 4);
        if (TypeTableCache.TryGet(tableBytes, out var cached))
        {
            table = cached;
            return;
        }

        for (var i = 0; i < count; i++)
        {
            pos = starts[i];
            ReadSleb32("type opcode");
            FillEntry(table[i], i);
        }

        pos = end;
        TypeTableCache.Add(tableBytes, table);
    }

    private void SkipEntry(int op, int index)
    {
        switch (op)
        {
            case (-18) or (-19):
                ReadSleb32("type reference");
                break;
            case (-20) or (-21):
                var n = ReadLength($"field count of type {index}", minBytesEach: 2);
                for (var k = 0; k < n; k++)
                {
                    ReadLeb32("field id");
                    ReadSleb32("field type");
                }

                break;
            case -22:
                for (var part = 0; part < 2; part++)
                {
                    var m = ReadLength($"func type {index} parameter count", minBytesEach: 1);
                    for (var k = 0; k < m; k++)
                    {
                        ReadSleb32("func parameter type");
                    }
                }

                var anns = ReadLength($"func type {index} annotation count", minBytesEach: 1);
                Skip(anns, "func annotations");
                break;
            case -23:
                var methods = ReadLength($"service type {index} method count", minBytesEach: 2);
                for (var k = 0; k < methods; k++)
                {
                    var len = ReadLength("method name length", minBytesEach: 1);
                    Skip(len, "method name");
                    ReadSleb32("method type");
                }

                break;
            default:
                var futureLength = ReadLength($"future type {index} length", minBytesEach: 1);
                Skip(futureLength, "future type");
                break;
        }
    }

    private void FillEntry(CandidType type, int index)
    {
        switch (type)
        {
            case OptType opt:
                opt.Inner = ReadTypeRef($"opt type {index}");
                break;
            case VecType vec:
                vec.Element = ReadTypeRef($"vec type {index}");
                break;
            case RecordType record:
                record.SetFields(ReadFields(index, "record"));
                break;
            case VariantType variant:
                variant.SetCases(ReadFields(index, "variant"));
                break;
            case FuncType func:
                func.Arguments = ReadTypeRefs(index, "argument");
                func.Results = ReadTypeRefs(index, "result");
                var annCount = ReadLength("annotation count", 1);
                var modes = new List<FuncMode>();
                for (var k = 0; k < annCount; k++)
                {
                    var ann = data[pos++];
                    if (ann is < 1 or > 3)
                    {
                        throw Fail($"func type {index} has annotation {ann}; expected 1 (query), 2 (oneway) or 3 (composite_query)");
                    }

                    if (modes.Contains((FuncMode)ann))
                    {
                        throw Fail($"func type {index} repeats annotation {ann}");
                    }

                    modes.Add((FuncMode)ann);
                }

                func.Modes = [.. modes.Order()];
                break;
            case ServiceType service:
                var n = ReadLength("method count", 2);
                var methods = new ServiceMethod[n];
                byte[]? previous = null;
                for (var k = 0; k < n; k++)
                {
                    var len = ReadLength("method name length", 1);
                    var nameBytes = data.AsSpan(pos, len);
                    if (previous is not null && nameBytes.SequenceCompareTo(previous) <= 0)
                    {
                        throw Fail($"service type {index} methods are not sorted by name or repeat a name");
                    }

                    previous = nameBytes.ToArray();
                    var name = DecodeUtf8(len, "method name");
                    var methodType = ReadTypeRef($"method {name}");
                    if (methodType is not FuncType ft)
                    {
                        throw Fail($"service type {index} method '{name}' has a {methodType.Kind.ToString().ToLowerInvariant()} type; expected a func type");
                    }

                    methods[k] = new ServiceMethod(name, ft);
                }

                service.SetMethods(methods);
                break;
            case FutureType:
                Skip(ReadLength("future type length", 1), "future type");
                break;
        }
    }

    private List<CandidField> ReadFields(int index, string what)
    {
        var n = ReadLength($"{what} type {index} field count", 2);
        var fields = new List<CandidField>(n);
        long previous = -1;
        for (var k = 0; k < n; k++)
        {
            var id = ReadLeb32($"{what} field id");
            if (id <= previous)
            {
                throw Fail($"{what} type {index} field ids are not strictly increasing ({id} after {previous})");
            }

            previous = id;
            fields.Add(new CandidField(id, null, ReadTypeRef($"{what} field {id}")));
        }

        return fields;
    }

    private CandidType[] ReadTypeRefs(int index, string what)
    {
        var n = ReadLength($"func type {index} {what} count", 1);
        var types = new CandidType[n];
        for (var k = 0; k < n; k++)
        {
            types[k] = ReadTypeRef($"func type {index} {what} {k}");
        }

        return types;
    }

    private CandidType ReadTypeRef(string what)
    {
        var r = ReadSleb32(what);
        if (r >= 0)
        {
            return r < table.Length ? table[r] : throw Fail($"{what} refers to type table entry {r}; the table has {table.Length} entries");
        }

        return r is (>= -17 and <= -1) or (-24)
            ? PrimitiveType.Of((CandidTypeKind)r)
            : throw Fail($"{what} has type opcode {r}; expected a primitive type or a type table index");
    }

    /// <param name="hint">The part of the expected type this value will be coerced to, when known.</param>
    private CandidValue ReadValue(CandidType type, int depth, CandidType? hint = null)
    {
        if (hint is not null)
        {
            hint = Steer(type, hint);
            if (hint?.Kind == CandidTypeKind.Reserved)
            {
                SkipValue(type, depth);
                return CandidReserved.Instance;
            }
        }

        if (--budget < 0)
        {
            throw Fail($"message holds more than {options.MaxValues} values");
        }

        if (depth > options.MaxDepth)
        {
            throw Fail($"values nest deeper than {options.MaxDepth} levels");
        }

        switch (type.Kind)
        {
            case CandidTypeKind.Null:
                return CandidNull.Instance;
            case CandidTypeKind.Bool:
                var b = ReadByte("bool");
                return b switch
                {
                    0 => CandidBool.False,
                    1 => CandidBool.True,
                    _ => throw Fail($"bool byte is {b}; expected 0 or 1"),
                };
            case CandidTypeKind.Nat:
                return new CandidNumber(CandidTypeKind.Nat, ReadLebBig());
            case CandidTypeKind.Int:
                return new CandidNumber(CandidTypeKind.Int, ReadSlebBig());
            case CandidTypeKind.Nat8:
                return new CandidNumber(CandidTypeKind.Nat8, ReadByte("nat8"));
            case CandidTypeKind.Nat16:
                return new CandidNumber(CandidTypeKind.Nat16, BinaryPrimitives.ReadUInt16LittleEndian(Take(2, "nat16")));
            case CandidTypeKind.Nat32:
                return new CandidNumber(CandidTypeKind.Nat32, BinaryPrimitives.ReadUInt32LittleEndian(Take(4, "nat32")));
            case CandidTypeKind.Nat64:
                return new CandidNumber(CandidTypeKind.Nat64, BinaryPrimitives.ReadUInt64LittleEndian(Take(8, "nat64")));
            case CandidTypeKind.Int8:
                return new CandidNumber(CandidTypeKind.Int8, (sbyte)ReadByte("int8"));
            case CandidTypeKind.Int16:
                return new CandidNumber(CandidTypeKind.Int16, BinaryPrimitives.ReadInt16LittleEndian(Take(2, "int16")));
            case CandidTypeKind.Int32:
                return new CandidNumber(CandidTypeKind.Int32, BinaryPrimitives.ReadInt32LittleEndian(Take(4, "int32")));
            case CandidTypeKind.Int64:
                return new CandidNumber(CandidTypeKind.Int64, BinaryPrimitives.ReadInt64LittleEndian(Take(8, "int64")));
            case CandidTypeKind.Float32:
                return new CandidFloat(CandidTypeKind.Float32, BinaryPrimitives.ReadSingleLittleEndian(Take(4, "float32")));
            case CandidTypeKind.Float64:
                return new CandidFloat(CandidTypeKind.Float64, BinaryPrimitives.ReadDoubleLittleEndian(Take(8, "float64")));
            case CandidTypeKind.Text:
                return new CandidText(DecodeUtf8(ReadLength("text length", 1), "text"));
            case CandidTypeKind.Reserved:
                return CandidReserved.Instance;
            case CandidTypeKind.Empty:
                throw Fail("a value of type empty cannot exist");
            case CandidTypeKind.Principal:
                return new CandidPrincipal(ReadPrincipal("principal"));
            case CandidTypeKind.Opt:
                var tag = ReadByte("opt tag");
                return tag switch
                {
                    0 => CandidOpt.NoneValue,
                    1 => new CandidOpt(ReadValue(((OptType)type).Inner, depth + 1, (hint as OptType)?.Inner)),
                    _ => throw Fail($"opt tag is {tag}; expected 0 or 1"),
                };
            case CandidTypeKind.Vec:
                return ReadVec((VecType)type, depth, (hint as VecType)?.Element);
            case CandidTypeKind.Record:
                var fields = ((RecordType)type).FieldArray;
                var values = new CandidFieldValue[fields.Length];
                var expectedRecord = hint as RecordType;
                for (var i = 0; i < fields.Length; i++)
                {
                    if (expectedRecord is null)
                    {
                        values[i] = new CandidFieldValue(fields[i].Id, ReadValue(fields[i].Type, depth + 1));
                    }
                    else if (expectedRecord.Find(fields[i].Id) is { } expectedField)
                    {
                        values[i] = new CandidFieldValue(fields[i].Id, ReadValue(fields[i].Type, depth + 1, expectedField.Type));
                    }
                    else
                    {
                        // A field the expected record lacks: coercion drops it, so it is only checked.
                        SkipValue(fields[i].Type, depth + 1);
                        values[i] = new CandidFieldValue(fields[i].Id, CandidReserved.Instance);
                    }
                }

                return new CandidRecord(values, trusted: true);
            case CandidTypeKind.Variant:
                var cases = ((VariantType)type).CaseArray;
                var index = ReadLebU64("variant index");
                if (index >= (ulong)cases.Length)
                {
                    throw Fail($"variant index {index} is out of range; the variant has {cases.Length} cases");
                }

                var c = cases[(int)index];
                return new CandidVariant(c.Id, ReadValue(c.Type, depth + 1, (hint as VariantType)?.Find(c.Id)?.Type));
            case CandidTypeKind.Func:
                var funcTag = ReadByte("func reference tag");
                if (funcTag != 1)
                {
                    throw Fail($"func reference tag is {funcTag}; only 1 (a public method) is supported");
                }

                var service = ReadPrincipal("func service");
                var method = DecodeUtf8(ReadLength("method name length", 1), "method name");
                return new CandidFunc(service, method);
            case CandidTypeKind.Service:
                return new CandidServiceReference(ReadPrincipal("service"));
            default:
                var m = ReadLength("future value length", 1);
                var refs = ReadLebU64("future value reference count");
                Skip(m, "future value");
                if (refs != 0)
                {
                    throw Fail($"future value carries {refs} references, which this decoder cannot skip");
                }

                return CandidFuture.Instance;
        }
    }

    /// <summary>Checks a value as <see cref="ReadValue"/> does, under the same bounds, without building it.</summary>
    private void SkipValue(CandidType type, int depth)
    {
        if (--budget < 0)
        {
            throw Fail($"message holds more than {options.MaxValues} values");
        }

        if (depth > options.MaxDepth)
        {
            throw Fail($"values nest deeper than {options.MaxDepth} levels");
        }

        switch (type.Kind)
        {
            case CandidTypeKind.Null or CandidTypeKind.Reserved:
                return;
            case CandidTypeKind.Bool:
                var b = ReadByte("bool");
                if (b > 1)
                {
                    throw Fail($"bool byte is {b}; expected 0 or 1");
                }

                return;
            case CandidTypeKind.Nat:
                TakeLeb("nat");
                return;
            case CandidTypeKind.Int:
                TakeLeb("int");
                return;
            case CandidTypeKind.Nat8 or CandidTypeKind.Int8:
                Take(1, "nat8");
                return;
            case CandidTypeKind.Nat16 or CandidTypeKind.Int16:
                Take(2, "nat16");
                return;
            case CandidTypeKind.Nat32 or CandidTypeKind.Int32 or CandidTypeKind.Float32:
                Take(4, "nat32");
                return;
            case CandidTypeKind.Nat64 or CandidTypeKind.Int64 or CandidTypeKind.Float64:
                Take(8, "nat64");
                return;
            case CandidTypeKind.Text:
                SkipUtf8(ReadLength("text length", 1), "text");
                return;
            case CandidTypeKind.Empty:
                throw Fail("a value of type empty cannot exist");
            case CandidTypeKind.Principal or CandidTypeKind.Service:
                SkipPrincipal("principal");
                return;
            case CandidTypeKind.Opt:
                var tag = ReadByte("opt tag");
                if (tag == 1)
                {
                    SkipValue(((OptType)type).Inner, depth + 1);
                }
                else if (tag != 0)
                {
                    throw Fail($"opt tag is {tag}; expected 0 or 1");
                }

                return;
            case CandidTypeKind.Vec:
                var element = ((VecType)type).Element;
                var length = ReadLebU64("vec length");
                if (IsZeroSized(element))
                {
                    // Nothing to read, but every element still counts against the bound.
                    if (length > (ulong)Math.Max(budget, 0))
                    {
                        throw Fail($"vec of {length} zero-sized elements exceeds the limit of {options.MaxValues} values");
                    }

                    budget -= (long)length;
                    return;
                }

                var n = CheckedCount(length, 1, "vec length");
                if (element.Kind == CandidTypeKind.Nat8)
                {
                    Take(n, "blob");
                    return;
                }

                for (var i = 0; i < n; i++)
                {
                    SkipValue(element, depth + 1);
                }

                return;
            case CandidTypeKind.Record:
                foreach (var f in ((RecordType)type).FieldArray)
                {
                    SkipValue(f.Type, depth + 1);
                }

                return;
            case CandidTypeKind.Variant:
                var cases = ((VariantType)type).CaseArray;
                var index = ReadLebU64("variant index");
                if (index >= (ulong)cases.Length)
                {
                    throw Fail($"variant index {index} is out of range; the variant has {cases.Length} cases");
                }

                SkipValue(cases[(int)index].Type, depth + 1);
                return;
            case CandidTypeKind.Func:
                var funcTag = ReadByte("func reference tag");
                if (funcTag != 1)
                {
                    throw Fail($"func reference tag is {funcTag}; only 1 (a public method) is supported");
                }

                SkipPrincipal("func service");
                SkipUtf8(ReadLength("method name length", 1), "method name");
                return;
            default:
                ReadValue(type, depth);
                return;
        }
    }

    private void SkipPrincipal(string what) => TakePrincipal(what);

    private void SkipUtf8(int length, string what)
    {
        if (!System.Text.Unicode.Utf8.IsValid(Take(length, what)))
        {
            throw Fail($"{what} is not valid UTF-8");
        }
    }

    private CandidValue ReadVec(VecType type, int depth, CandidType? elementHint)
    {
        var element = type.Element;
        var lengthValue = ReadLebU64("vec length");
        if (element.Kind == CandidTypeKind.Nat8)
        {
            var n8 = CheckedCount(lengthValue, 1, "vec length");
            return new CandidBlob(Take(n8, "blob").ToArray());
        }

        int n;
        if (IsZeroSized(element))
        {
            // Elements that take no bytes are the "space bomb": charge them all before reading any.
            if (lengthValue > (ulong)Math.Max(budget, 0))
            {
                throw Fail($"vec of {lengthValue} zero-sized elements exceeds the limit of {options.MaxValues} values");
            }

            n = (int)lengthValue;
        }
        else
        {
            n = CheckedCount(lengthValue, 1, "vec length");
        }

        var items = new CandidValue[n];
        for (var i = 0; i < n; i++)
        {
            items[i] = ReadValue(element, depth + 1, elementHint);
        }

        return new CandidVec(items);
    }

    /// <summary>
    /// Follows the expected type through <c>opt</c> the way coercion will when the wire value is not an
    /// option itself; null when that does not settle (a type like <c>Opt = opt Opt</c>).
    /// </summary>
    private static CandidType? Steer(CandidType wire, CandidType hint)
    {
        for (var i = 0; i < 64; i++)
        {
            hint = hint.Resolved;
            if (hint is not OptType opt || wire.Kind is CandidTypeKind.Opt or CandidTypeKind.Null or CandidTypeKind.Reserved or CandidTypeKind.Future)
            {
                return hint;
            }

            hint = opt.Inner;
        }

        return null;
    }

    private bool IsZeroSized(CandidType type, int depth = 0)
    {
        if (depth > Nesting.Limit)
        {
            // Values that deep cannot be read anyway; the length must then fit in the input.
            return false;
        }

        if (type.Kind is CandidTypeKind.Null or CandidTypeKind.Reserved)
        {
            return true;
        }

        if (type is not RecordType record)
        {
            return false;
        }

        if (zeroSized.TryGetValue(type, out var known))
        {
            return known;
        }

        zeroSized[type] = true; // a record that contains itself has no finite values; treat it as free to be safe
        var result = record.FieldArray.All(f => IsZeroSized(f.Type, depth + 1));
        zeroSized[type] = result;
        return result;
    }

    private Principal ReadPrincipal(string what) => Principal.FromBytes(TakePrincipal(what));

    /// <summary>The bytes of a principal reference: tag 1 (transparent), then a length of at most <see cref="Principal.MaxLength"/>.</summary>
    private ReadOnlySpan<byte> TakePrincipal(string what)
    {
        var tag = ReadByte($"{what} tag");
        if (tag != 1)
        {
            throw Fail($"{what} tag is {tag}; expected 1 (opaque references are not supported)");
        }

        var len = ReadLength($"{what} length", 1);
        if (len > Principal.MaxLength)
        {
            throw Fail($"{what} is {len} bytes long; a principal has at most {Principal.MaxLength}");
        }

        return Take(len, what);
    }

    private string DecodeUtf8(int length, string what)
    {
        var span = Take(length, what);
        try
        {
            return StrictUtf8.GetString(span);
        }
        catch (DecoderFallbackException e)
        {
            throw new CandidException($"{what} at byte {pos - length} is not valid UTF-8", e);
        }
    }

    private byte ReadByte(string what)
    {
        if (pos >= data.Length)
        {
            throw Fail($"message ends where a {what} was expected");
        }

        return data[pos++];
    }

    private ReadOnlySpan<byte> Take(int n, string what)
    {
        if (n > Remaining)
        {
            throw Fail($"{what} needs {n} bytes but only {Remaining} remain");
        }

        var span = data.AsSpan(pos, n);
        pos += n;
        return span;
    }

    private void Skip(int n, string what) => Take(n, what);

    /// <summary>A count read from the message, refused when the rest of the input cannot hold that many items.</summary>
    private int ReadLength(string what, int minBytesEach) => CheckedCount(ReadLebU64(what), minBytesEach, what);

    private int CheckedCount(ulong value, int minBytesEach, string what)
    {
        if (value > (ulong)Remaining / (ulong)minBytesEach)
        {
            throw Fail($"{what} {value} overshoots the {Remaining} bytes left in the message");
        }

        return (int)value;
    }

    private uint ReadLeb32(string what)
    {
        var v = ReadLebU64(what);
        return v <= uint.MaxValue ? (uint)v : throw Fail($"{what} {v} does not fit in 32 bits");
    }

    private int ReadSleb32(string what)
    {
        long result = 0;
        var shift = 0;
        byte b;
        do
        {
            b = ReadByte(what);
            if (shift < 63)
            {
                result |= (long)(b & 0x7f) << shift;
            }
            else if ((b & 0x7f) != 0 && (b & 0x7f) != 0x7f)
            {
                throw Fail($"{what} is too large");
            }

            shift += 7;
        }
        while ((b & 0x80) != 0);

        if (shift < 64 && (b & 0x40) != 0)
        {
            result |= -1L << shift;
        }

        return result is >= int.MinValue and <= int.MaxValue ? (int)result : throw Fail($"{what} {result} is out of range");
    }

    private ulong ReadLebU64(string what)
    {
        ulong result = 0;
        var shift = 0;
        while (true)
        {
            var b = ReadByte(what);
            var low = (ulong)(b & 0x7f);
            if (shift >= 64 || (shift > 0 && low >> (64 - shift) != 0))
            {
                if (low != 0)
                {
                    throw Fail($"{what} does not fit in 64 bits");
                }
            }
            else
            {
                result |= low << shift;
            }

            if ((b & 0x80) == 0)
            {
                return result;
            }

            shift += 7;
        }
    }

    private BigInteger ReadLebBig()
    {
        var start = pos;
        ulong small = 0;
        var shift = 0;
        while (true)
        {
            var b = ReadByte("nat");
            if (shift <= 56)
            {
                small |= (ulong)(b & 0x7f) << shift;
            }
            else
            {
                pos = start;
                return ReadLebBigSlow();
            }

            if ((b & 0x80) == 0)
            {
                return small;
            }

            shift += 7;
        }
    }

    private BigInteger ReadLebBigSlow() => Leb128.DecodeUnsigned(TakeLeb("nat"));

    private BigInteger ReadSlebBig()
    {
        var start = pos;
        long small = 0;
        var shift = 0;
        while (true)
        {
            var b = ReadByte("int");
            if (shift > 56)
            {
                pos = start;
                return Leb128.DecodeSigned(TakeLeb("int"));
            }

            small |= (long)(b & 0x7f) << shift;
            shift += 7;
            if ((b & 0x80) == 0)
            {
                if ((b & 0x40) != 0)
                {
                    small |= -1L << shift;
                }

                return small;
            }
        }
    }

    private ReadOnlySpan<byte> TakeLeb(string what)
    {
        var length = Leb128.Length(data.AsSpan(pos));
        if (length < 0)
        {
            throw Fail($"message ends inside a {what}");
        }

        return Take(length, what);
    }

    private CandidException Fail(string message) => new($"invalid Candid message at byte {pos}: {message}");
}
