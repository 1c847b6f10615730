namespace IcOperator.Candid;

/// <summary><c>opt T</c>.</summary>
public sealed class OptType : CandidType
{
    internal OptType(CandidType? inner) => Inner = inner!;

    public override CandidTypeKind Kind => CandidTypeKind.Opt;

    // Settable inside the library so decoded type tables can be cyclic.
    public CandidType Inner { get; internal set; }
}
