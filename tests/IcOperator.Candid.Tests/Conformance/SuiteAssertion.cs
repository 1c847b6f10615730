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

internal enum SuiteAssertionKind
{
    Decodes,
    Fails,
    Equal,
    NotEqual,
}

/// <summary>An input of an assertion: Candid text, or a binary message (<c>blob "…"</c>).</summary>
internal sealed record SuiteInput(bool IsBinary, byte[] Bytes, string Text)
{
    public IReadOnlyList<CandidValue> Read(IReadOnlyList<CandidType> types) =>
        IsBinary ? CandidDecoder.Decode(Bytes, types) : CandidText.ParseArguments(Text, types);
}
