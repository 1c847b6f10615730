namespace IcOperator.Candid;

/// <summary>The kinds of Candid types; the values are the type opcodes of the binary format.</summary>
public enum CandidTypeKind
{
    Null = -1,
    Bool = -2,
    Nat = -3,
    Int = -4,
    Nat8 = -5,
    Nat16 = -6,
    Nat32 = -7,
    Nat64 = -8,
    Int8 = -9,
    Int16 = -10,
    Int32 = -11,
    Int64 = -12,
    Float32 = -13,
    Float64 = -14,
    Text = -15,
    Reserved = -16,
    Empty = -17,
    Opt = -18,
    Vec = -19,
    Record = -20,
    Variant = -21,
    Func = -22,
    Service = -23,
    Principal = -24,

    /// <summary>A type from a later version of Candid (opcode below -24), which can only be skipped.</summary>
    Future = -25,
}
