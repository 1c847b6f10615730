namespace IcOperator.Candid;

/// <summary>
/// Maps C# types to Candid and back, so callers write records instead of assembling values:
/// classes and records are Candid records (properties in snake_case unless <see cref="CandidNameAttribute"/>
/// says otherwise), enums and abstract classes with derived case classes are variants, nullable types are
/// <c>opt</c>, arrays and lists are <c>vec</c>, <c>byte[]</c> is <c>blob</c>, <see cref="System.Numerics.BigInteger"/>
/// is <c>nat</c> (or <c>int</c> with <see cref="CandidKindAttribute"/>), <c>ulong</c> is <c>nat64</c>, and so on.
/// </summary>
public static class CandidSerializer
{
    /// <summary>The Candid type a C# type maps to.</summary>
    public static CandidType TypeOf<T>() => TypeOf(typeof(T));

    public static CandidType TypeOf(Type type) => ClrTypeMap.Shared.ShapeOf(type).Type;

    public static CandidValue ToValue<T>(T value) => ClrTypeMap.Shared.ShapeOf(typeof(T)).ToValue(value, typeof(T).Name);

    public static T FromValue<T>(CandidValue value) => (T)ClrTypeMap.Shared.ShapeOf(typeof(T)).FromValue(value, typeof(T).Name)!;

    public static object? FromValue(CandidValue value, Type type) => ClrTypeMap.Shared.ShapeOf(type).FromValue(value, type.Name);

    /// <summary>A message with one argument.</summary>
    public static byte[] Encode<T>(T value) => CandidEncoder.Encode([TypeOf<T>()], [ToValue(value)]);

    /// <summary>Reads a message's first argument as <typeparamref name="T"/>, with the decoder's subtyping rules.</summary>
    public static T Decode<T>(byte[] message, CandidDecoderOptions? options = null) =>
        FromValue<T>(CandidDecoder.Decode(message, [TypeOf<T>()], options)[0]);
}
