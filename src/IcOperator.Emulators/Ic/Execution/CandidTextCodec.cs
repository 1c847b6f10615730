using IcOperator.Candid;

namespace IcOperator.Emulators.Ic.Execution;

/// <summary>The Candid codec behind test modules: replies written as Candid text, init arguments checked by decoding.</summary>
internal sealed class CandidTextCodec : ICandidCodec
{
    public byte[] EncodeText(string candidText)
    {
        try
        {
            return CandidEncoder.Encode(CandidText.ParseArguments(candidText));
        }
        catch (CandidException e)
        {
            throw new FormatException(e.Message, e);
        }
    }

    public void CheckArgs(byte[] arg, string candidTypes)
    {
        IReadOnlyList<CandidType> types;
        try
        {
            // candid:args may carry type definitions before the argument list (`type T = …; (T)`).
            types = candidTypes.Contains("type ", StringComparison.Ordinal)
                ? DidFile.Parse(candidTypes).Arguments ?? []
                : CandidType.ParseArguments(candidTypes);
        }
        catch (CandidException e)
        {
            throw new FormatException($"the declared argument types do not parse: {e.Message}", e);
        }

        try
        {
            CandidDecoder.Decode(arg, types);
        }
        catch (CandidException e)
        {
            throw new FormatException(e.Message, e);
        }
    }
}
