namespace IcOperator.Candid;

/// <summary>A decoded message with the argument types it declared.</summary>
public sealed record CandidMessage(IReadOnlyList<CandidType> Types, IReadOnlyList<CandidValue> Values)
{
    public override string ToString() => TextPrinter.PrintArguments(Values, Types);
}
