using System.Text;
using IcOperator.Emulators.Ic.Execution;

namespace IcOperator.Emulators.Tests.Ic;

/// <summary>
/// A stand-in codec for state-model tests: a value's "bytes" are its text, which must be parenthesised, and an
/// argument conforms when its text starts with the first word of the expected types.
/// </summary>
internal sealed class TextCandidCodec : ICandidCodec
{
    public byte[] EncodeText(string candidText) =>
        candidText.StartsWith('(') && candidText.EndsWith(')')
            ? Encoding.UTF8.GetBytes(candidText)
            : throw new FormatException($"'{candidText}' is not a parenthesised value list");

    public void CheckArgs(byte[] arg, string candidTypes)
    {
        var text = Encoding.UTF8.GetString(arg);
        var firstWord = candidTypes.Trim('(', ')', ' ').Split(' ')[0];
        var value = text.TrimStart('(');
        var conforms = firstWord switch
        {
            "text" => value.StartsWith('"'),
            "" => value == ")",
            _ => value.StartsWith(firstWord, StringComparison.Ordinal),
        };
        if (!conforms)
        {
            throw new FormatException($"expected {candidTypes}, got {text}");
        }
    }

    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
