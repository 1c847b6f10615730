namespace IcOperator.Candid;

/// <summary><c>vec T</c>; <c>vec nat8</c> is <c>blob</c>.</summary>
public sealed class VecType : CandidType
{
    internal VecType(CandidType? element) => Element = element!;

    public override CandidTypeKind Kind => CandidTypeKind.Vec;

    public CandidType Element { get; internal set; }

    public bool IsBlob => Element.Resolved.Kind == CandidTypeKind.Nat8;
}
