using System.Numerics;

namespace IcOperator.Candid;

/// <summary>
/// A Candid value. Values carry no type: the same value is encoded, decoded, printed and checked
/// against a <see cref="CandidType"/> given beside it. Records and variants hold field ids (names are
/// hashed); the type supplies the names when printing.
/// </summary>
public abstract class CandidValue : IEquatable<CandidValue>
{
    private protected CandidValue()
    {
    }

    public static CandidValue Null => CandidNull.Instance;

    public static CandidValue Reserved => CandidReserved.Instance;

    public static CandidValue Bool(bool value) => value ? CandidBool.True : CandidBool.False;

    public static CandidValue Nat(BigInteger value) => new CandidNumber(CandidTypeKind.Nat, value);

    public static CandidValue Int(BigInteger value) => new CandidNumber(CandidTypeKind.Int, value);

    public static CandidValue Nat8(byte value) => new CandidNumber(CandidTypeKind.Nat8, value);

    public static CandidValue Nat16(ushort value) => new CandidNumber(CandidTypeKind.Nat16, value);

    public static CandidValue Nat32(uint value) => new CandidNumber(CandidTypeKind.Nat32, value);

    public static CandidValue Nat64(ulong value) => new CandidNumber(CandidTypeKind.Nat64, value);

    public static CandidValue Int8(sbyte value) => new CandidNumber(CandidTypeKind.Int8, value);

    public static CandidValue Int16(short value) => new CandidNumber(CandidTypeKind.Int16, value);

    public static CandidValue Int32(int value) => new CandidNumber(CandidTypeKind.Int32, value);

    public static CandidValue Int64(long value) => new CandidNumber(CandidTypeKind.Int64, value);

    public static CandidValue Float32(float value) => new CandidFloat(CandidTypeKind.Float32, value);

    public static CandidValue Float64(double value) => new CandidFloat(CandidTypeKind.Float64, value);

    public static CandidValue Text(string value) => new CandidText(value);

    public static CandidValue Principal(Principal value) => new CandidPrincipal(value);

    public static CandidValue Blob(byte[] value) => new CandidBlob(value);

    public static CandidValue None => CandidOpt.NoneValue;

    public static CandidValue Some(CandidValue value) => new CandidOpt(value);

    public static CandidValue Vec(params IEnumerable<CandidValue> values) => new CandidVec([.. values]);

    public static CandidValue Record(params IEnumerable<(string Name, CandidValue Value)> fields) =>
        new CandidRecord(fields.Select(f => new CandidFieldValue(FieldId.Of(f.Name), f.Value)));

    public static CandidValue Record(params IEnumerable<CandidFieldValue> fields) => new CandidRecord(fields);

    public static CandidValue Tuple(params IEnumerable<CandidValue> values) =>
        new CandidRecord(values.Select((v, i) => new CandidFieldValue((uint)i, v)));

    public static CandidValue Variant(string name, CandidValue? value = null) => new CandidVariant(FieldId.Of(name), value ?? Null);

    public static CandidValue Variant(uint id, CandidValue? value = null) => new CandidVariant(id, value ?? Null);

    public static CandidValue Func(Principal service, string method) => new CandidFunc(service, method);

    public static CandidValue ServiceReference(Principal service) => new CandidServiceReference(service);

    /// <summary>The field of a record value with this name (hashed), or an error naming the field.</summary>
    public CandidValue this[string name] => ((CandidRecord)Expect(CandidTypeKind.Record, name)).Get(FieldId.Of(name), name);

    public bool AsBool() => ((CandidBool)Expect(CandidTypeKind.Bool)).Value;

    public BigInteger AsBigInteger() => ((CandidNumber)Expect(CandidTypeKind.Nat)).Value;

    public ulong AsUInt64() => checked((ulong)AsBigInteger());

    public long AsInt64() => checked((long)AsBigInteger());

    public double AsDouble() => ((CandidFloat)Expect(CandidTypeKind.Float64)).Value;

    public string AsText() => ((CandidText)Expect(CandidTypeKind.Text)).Value;

    public Principal AsPrincipal() => this switch
    {
        CandidPrincipal p => p.Value,
        CandidServiceReference s => s.Value,
        _ => throw Mismatch("principal"),
    };

    public byte[] AsBytes() => this switch
    {
        CandidBlob b => b.Value,
        CandidVec v => [.. v.Items.Select(i => (byte)((CandidNumber)i).Value)],
        _ => throw Mismatch("blob"),
    };

    /// <summary>The value inside <c>opt</c>, or null for <c>null</c>.</summary>
    public CandidValue? AsOption() => this switch
    {
        CandidOpt o => o.Value,
        CandidNull or CandidReserved => null,
        _ => throw Mismatch("opt"),
    };

    public IReadOnlyList<CandidValue> AsVec() => this switch
    {
        CandidVec v => v.Items,
        CandidBlob b => [.. b.Value.Select(x => Nat8(x))],
        _ => throw Mismatch("vec"),
    };

    public abstract bool Equals(CandidValue? other);

    public override bool Equals(object? obj) => obj is CandidValue v && Equals(v);

    public abstract override int GetHashCode();

    /// <summary>The value in Candid text, with field ids as numbers (use <see cref="CandidText.Print(CandidValue, CandidType)"/> for names).</summary>
    public override string ToString() => TextPrinter.Print(this, null);

    private protected CandidException Mismatch(string expected) =>
        new($"expected a {expected} value, found {ToString()}");

    private CandidValue Expect(CandidTypeKind kind, string? field = null)
    {
        var ok = kind switch
        {
            CandidTypeKind.Record => this is CandidRecord,
            CandidTypeKind.Bool => this is CandidBool,
            CandidTypeKind.Nat => this is CandidNumber,
            CandidTypeKind.Float64 => this is CandidFloat,
            CandidTypeKind.Text => this is CandidText,
            _ => false,
        };
        return ok ? this : throw Mismatch(field is null ? TypePrinter.PrimitiveName(kind) : $"record with field '{field}'");
    }
}
