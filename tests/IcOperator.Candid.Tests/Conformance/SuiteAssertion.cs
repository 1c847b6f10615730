namespace IcOperator.Candid.Tests.Conformance;

/// <summary>One <c>assert</c> of an official <c>.test.did</c> file.</summary>
internal sealed record SuiteAssertion(
    string File,
    int Line,
    SuiteAssertionKind Kind,
    SuiteInput Left,
    SuiteInput? Right,
    IReadOnlyList<CandidType> Types,
    string Description)
{
    public override string ToString() => $"{File}:{Line} {Description}";
}
