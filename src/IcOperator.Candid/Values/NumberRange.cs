using System.Numerics;

namespace IcOperator.Candid;

/// <summary>The ranges of the integer types.</summary>
internal static class NumberRange
{
    public static bool IsInteger(CandidTypeKind kind) => kind is >= CandidTypeKind.Int64 and <= CandidTypeKind.Nat;

    public static bool Fits(CandidTypeKind kind, BigInteger value) => kind switch
    {
        CandidTypeKind.Nat => value.Sign >= 0,
        CandidTypeKind.Int => true,
        CandidTypeKind.Nat8 => value >= 0 && value <= byte.MaxValue,
        CandidTypeKind.Nat16 => value >= 0 && value <= ushort.MaxValue,
        CandidTypeKind.Nat32 => value >= 0 && value <= uint.MaxValue,
        CandidTypeKind.Nat64 => value >= 0 && value <= ulong.MaxValue,
        CandidTypeKind.Int8 => value >= sbyte.MinValue && value <= sbyte.MaxValue,
        CandidTypeKind.Int16 => value >= short.MinValue && value <= short.MaxValue,
        CandidTypeKind.Int32 => value >= int.MinValue && value <= int.MaxValue,
        CandidTypeKind.Int64 => value >= long.MinValue && value <= long.MaxValue,
        _ => false,
    };
}
