using System.Numerics;
using System.Reflection;

namespace IcOperator.Candid;

/// <summary>Finds (and caches) the shape of each C# type: which Candid type it is and how values convert.</summary>
internal sealed class ClrTypeMap
{
    public static readonly ClrTypeMap Shared = new();

    private readonly Dictionary<Type, ClrShape> named = [];
    private readonly Lock gate = new();

    public ClrShape ShapeOf(Type type) => ShapeOf(type, null, null);

    public ClrShape ShapeOf(Type type, NullabilityInfo? nullability, CandidTypeKind? kind)
    {
        lock (gate)
        {
            if (Nullable.GetUnderlyingType(type) is { } underlying)
            {
                return new OptShape(ShapeOf(underlying, null, kind));
            }

            if (nullability is { ReadState: NullabilityState.Nullable } && !type.IsValueType)
            {
                return new OptShape(NonNull(type, nullability, kind));
            }

            return NonNull(type, nullability, kind);
        }
    }

    private ClrShape NonNull(Type type, NullabilityInfo? nullability, CandidTypeKind? kind)
    {
        // Enums before primitives: their type code is that of the underlying integer.
        if (!type.IsEnum && Primitive(type, kind) is { } primitive)
        {
            return primitive;
        }

        if (type.IsArray)
        {
            var element = type.GetElementType()!;
            return new VecShape(type, element, ShapeOf(element, nullability?.ElementType, null));
        }

        if (type.IsGenericType && type.GetGenericArguments() is [var item]
            && typeof(IEnumerable<>).MakeGenericType(item).IsAssignableFrom(type)
            && (type.IsInterface || type.GetGenericTypeDefinition() == typeof(List<>)))
        {
            return new VecShape(type, item, ShapeOf(item, nullability?.GenericTypeArguments.FirstOrDefault(), null));
        }

        if (named.TryGetValue(type, out var known))
        {
            return known;
        }

        if (type.IsEnum)
        {
            var e = new EnumShape(type);
            named[type] = e;
            return e;
        }

        if (type.IsAbstract && !type.IsInterface)
        {
            var variant = new VariantShape(type);
            named[type] = variant;
            variant.Build(this);
            return variant;
        }

        if (type.IsInterface || type.IsPrimitive || type == typeof(object))
        {
            throw new CandidException($"C# type {type.Name} has no Candid mapping");
        }

        var record = new RecordShape(type);
        named[type] = record;
        record.Build(this);
        return record;
    }

    private static PrimitiveShape? Primitive(Type type, CandidTypeKind? kind)
    {
        if (type == typeof(BigInteger))
        {
            var k = kind ?? CandidTypeKind.Nat;
            if (k is not (CandidTypeKind.Nat or CandidTypeKind.Int))
            {
                throw new CandidException($"BigInteger maps to nat or int, not {k}");
            }

            return new(PrimitiveType.Of(k), o => new CandidNumber(k, (BigInteger)o), v => Number(v));
        }

        return Type.GetTypeCode(type) switch
        {
            _ when type == typeof(byte[]) => new(CandidType.Blob, o => new CandidBlob((byte[])o), v => v.AsBytes()),
            _ when type == typeof(Principal) => new(CandidType.Principal, o => new CandidPrincipal((Principal)o), v => v.AsPrincipal()),
            TypeCode.Boolean => new(CandidType.Bool, o => CandidValue.Bool((bool)o), v => v.AsBool()),
            TypeCode.String => new(CandidType.Text, o => new CandidText((string)o), v => v.AsText()),
            TypeCode.Byte => Integer(kind ?? CandidTypeKind.Nat8, o => (byte)o, b => (byte)b),
            TypeCode.UInt16 => Integer(kind ?? CandidTypeKind.Nat16, o => (ushort)o, b => (ushort)b),
            TypeCode.UInt32 => Integer(kind ?? CandidTypeKind.Nat32, o => (uint)o, b => (uint)b),
            TypeCode.UInt64 => Integer(kind ?? CandidTypeKind.Nat64, o => (ulong)o, b => (ulong)b),
            TypeCode.SByte => Integer(kind ?? CandidTypeKind.Int8, o => (sbyte)o, b => (sbyte)b),
            TypeCode.Int16 => Integer(kind ?? CandidTypeKind.Int16, o => (short)o, b => (short)b),
            TypeCode.Int32 => Integer(kind ?? CandidTypeKind.Int32, o => (int)o, b => (int)b),
            TypeCode.Int64 => Integer(kind ?? CandidTypeKind.Int64, o => (long)o, b => (long)b),
            TypeCode.Single => new(CandidType.Float32, o => new CandidFloat(CandidTypeKind.Float32, (float)o), v => (float)((CandidFloat)v).Value),
            TypeCode.Double => new(CandidType.Float64, o => new CandidFloat(CandidTypeKind.Float64, (double)o), v => ((CandidFloat)v).Value),
            _ => null,
        };
    }

    /// <summary>A C# integer as the Candid number kind chosen (its own width by default, or nat/int by <see cref="CandidKindAttribute"/>).</summary>
    private static PrimitiveShape Integer(CandidTypeKind kind, Func<object, BigInteger> widen, Func<BigInteger, object> narrow)
    {
        if (!NumberRange.IsInteger(kind))
        {
            throw new CandidException($"an integer property cannot be Candid {kind}");
        }

        return new(PrimitiveType.Of(kind), o => new CandidNumber(kind, widen(o)), v => narrow(Number(v)));
    }

    private static BigInteger Number(CandidValue v) =>
        v is CandidNumber n ? n.Value : throw new CandidException($"expected a number, found {v}");
}
