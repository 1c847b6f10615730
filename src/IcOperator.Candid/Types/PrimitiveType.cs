namespace IcOperator.Candid;

/// <summary>A type without components: null, bool, the numbers, text, reserved, empty, principal.</summary>
public sealed class PrimitiveType : CandidType
{
    internal PrimitiveType(CandidTypeKind kind) => Kind = kind;

    public override CandidTypeKind Kind { get; }

    internal static PrimitiveType Of(CandidTypeKind kind) => kind switch
    {
        CandidTypeKind.Null => Null,
        CandidTypeKind.Bool => Bool,
        CandidTypeKind.Nat => Nat,
        CandidTypeKind.Int => Int,
        CandidTypeKind.Nat8 => Nat8,
        CandidTypeKind.Nat16 => Nat16,
        CandidTypeKind.Nat32 => Nat32,
        CandidTypeKind.Nat64 => Nat64,
        CandidTypeKind.Int8 => Int8,
        CandidTypeKind.Int16 => Int16,
        CandidTypeKind.Int32 => Int32,
        CandidTypeKind.Int64 => Int64,
        CandidTypeKind.Float32 => Float32,
        CandidTypeKind.Float64 => Float64,
        CandidTypeKind.Text => Text,
        CandidTypeKind.Reserved => Reserved,
        CandidTypeKind.Empty => Empty,
        CandidTypeKind.Principal => Principal,
        _ => throw new ArgumentException($"{kind} is not a primitive Candid type", nameof(kind)),
    };
}
