using System.CommandLine;
using IcOperator.Candid;

namespace IcOperator.Cli;

/// <summary>
/// <c>ic-operator candid encode|decode</c>, like <c>didc</c>: Candid text to hex bytes and back. Without a
/// VALUE/HEX argument each line of standard input is one item and each gets one line of output (an
/// <c>error: …</c> line for a bad item), so a script can convert thousands of values in one process.
/// </summary>
internal static class CandidCommand
{
    public static Command Create(TextReader? input = null)
    {
        var command = new Command("candid", "Encode and decode Candid values (as didc does).");
        command.Subcommands.Add(Encode(input));
        command.Subcommands.Add(Decode(input));
        return command;
    }

    private static Command Encode(TextReader? input)
    {
        var (types, did) = TypeOptions();
        var value = new Argument<string?>("VALUE")
        {
            Description = "Candid text such as '(record { a = 1 }, \"x\")'; omitted: one value per line of standard input.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("encode", "Print the hex bytes of a Candid text value.") { types, did, value };
        command.SetAction(parse => Run(parse, types, did, value, input, (text, argTypes, definitions) =>
            Convert.ToHexStringLower(argTypes is null
                ? CandidText.EncodeArguments(text, definitions)
                : CandidText.EncodeArguments(text, argTypes))));
        return command;
    }

    private static Command Decode(TextReader? input)
    {
        var (types, did) = TypeOptions();
        var hex = new Argument<string?>("HEX")
        {
            Description = "The message in hex (4449444c…); omitted: one message per line of standard input.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("decode", "Print a Candid message as text.") { types, did, hex };
        command.SetAction(parse => Run(parse, types, did, hex, input, (text, argTypes, _) =>
        {
            byte[] bytes;
            try
            {
                bytes = Convert.FromHexString(text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text);
            }
            catch (FormatException)
            {
                throw new CandidException($"'{Shorten(text)}' is not hexadecimal");
            }

            // Without types, numbers keep their kind (`42 : nat`) so the text encodes back to the same bytes.
            return argTypes is null
                ? CandidText.PrintArguments(CandidDecoder.Decode(bytes).Values)
                : CandidText.PrintArguments(CandidDecoder.Decode(bytes, argTypes), argTypes);
        }));
        return command;
    }

    private static (Option<string?> Types, Option<FileInfo?> Did) TypeOptions() =>
    (
        new Option<string?>("--types", "-t") { Description = "The argument types, e.g. '(nat, opt text)'; without them types are inferred (encode) or read from the message (decode)." },
        new Option<FileInfo?>("--did", "-d") { Description = "A .did file whose type definitions --types may name." }
    );

    private static int Run(
        ParseResult parse,
        Option<string?> typesOption,
        Option<FileInfo?> didOption,
        Argument<string?> itemArgument,
        TextReader? input,
        Func<string, IReadOnlyList<CandidType>?, DidFile?, string> convert)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        IReadOnlyList<CandidType>? types;
        DidFile? did;
        try
        {
            did = parse.GetValue(didOption) is { } file ? DidFile.Parse(File.ReadAllText(file.FullName)) : null;
            types = parse.GetValue(typesOption) is { } typesText ? CandidType.ParseArguments(typesText, did) : null;
        }
        catch (Exception e) when (e is CandidException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: {e.Message}");
            return 2;
        }

        if (parse.GetValue(itemArgument) is { } item)
        {
            var line = ConvertItem(item.Trim(), types, did, convert);
            var failed = line.StartsWith("error: ", StringComparison.Ordinal);
            (failed ? error : output).WriteLine(line);
            return failed ? 1 : 0;
        }

        var reader = input ?? Console.In;
        var failures = 0;
        while (reader.ReadLine() is { } next)
        {
            var result = ConvertItem(next.Trim(), types, did, convert);
            failures += result.StartsWith("error: ", StringComparison.Ordinal) ? 1 : 0;
            output.WriteLine(result);
            output.Flush();
        }

        return failures == 0 ? 0 : 1;
    }

    private static string ConvertItem(string item, IReadOnlyList<CandidType>? types, DidFile? did, Func<string, IReadOnlyList<CandidType>?, DidFile?, string> convert)
    {
        if (item.Length == 0)
        {
            return "error: empty input";
        }

        try
        {
            return convert(item, types, did);
        }
        catch (CandidException e)
        {
            // One line per item, whatever the message says.
            return "error: " + e.Message.ReplaceLineEndings(" ");
        }
    }

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
