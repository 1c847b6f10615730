namespace IcOperator.Candid;

/// <summary><c>func (A…) -> (R…) mode</c>.</summary>
public sealed class FuncType : CandidType
{
    internal FuncType(IEnumerable<CandidType> arguments, IEnumerable<CandidType> results, IEnumerable<FuncMode> modes)
    {
        Arguments = [.. arguments];
        Results = [.. results];
        Modes = [.. modes.Where(m => m != FuncMode.Update).Distinct().Order()];
    }

    public override CandidTypeKind Kind => CandidTypeKind.Func;

    public IReadOnlyList<CandidType> Arguments { get; internal set; }

    public IReadOnlyList<CandidType> Results { get; internal set; }

    public IReadOnlyList<FuncMode> Modes { get; internal set; }

    public bool IsQuery => Modes.Contains(FuncMode.Query) || Modes.Contains(FuncMode.CompositeQuery);
}
