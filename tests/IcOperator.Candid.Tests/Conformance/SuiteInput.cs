namespace IcOperator.Candid.Tests.Conformance;

/// <summary>An input of an assertion: Candid text, or a binary message (<c>blob "…"</c>).</summary>
internal sealed record SuiteInput(bool IsBinary, byte[] Bytes, string Text)
{
    public IReadOnlyList<CandidValue> Read(IReadOnlyList<CandidType> types) =>
        IsBinary ? CandidDecoder.Decode(Bytes, types) : CandidText.ParseArguments(Text, types);
}
