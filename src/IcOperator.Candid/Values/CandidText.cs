namespace IcOperator.Candid;

/// <summary>A <c>text</c> value. The static members parse and print Candid text (<c>(record { a = 1 }, "x")</c>).</summary>
public sealed class CandidText : CandidValue
{
    public CandidText(string value) => Value = value ?? throw new ArgumentNullException(nameof(value));

    public string Value { get; }

    /// <summary>Parses an argument list <c>(v1, v2, …)</c> (or a single value) in Candid text.</summary>
    public static IReadOnlyList<CandidValue> ParseArguments(string text) => TextParser.ParseArguments(text, null);

    /// <summary>Parses an argument list and checks it against the types, giving the values those types mean.</summary>
    public static IReadOnlyList<CandidValue> ParseArguments(string text, IReadOnlyList<CandidType> types) =>
        TextAnnotation.AnnotateArguments(TextParser.ParseArguments(text, null), types);

    /// <summary>Parses a single value; with a type, checks it and gives the value at that type.</summary>
    public static CandidValue ParseValue(string text, CandidType? type = null)
    {
        var value = TextParser.ParseValue(text, null);
        return type is null ? value : TextAnnotation.Annotate(value, type);
    }

    /// <summary>
    /// Parses an argument list, checks it against the types and encodes it: how an install argument
    /// written as Candid text becomes the bytes a canister receives. Errors name the argument and field.
    /// </summary>
    public static byte[] EncodeArguments(string text, IReadOnlyList<CandidType> types) =>
        CandidEncoder.Encode(types, ParseArguments(text, types));

    /// <summary>
    /// Encodes Candid text without separate types, as <c>didc encode</c> does: an argument annotated at
    /// the top level (<c>(null : opt nat)</c>) has that type, any other gets the type inferred from its value
    /// (numbers are int). Annotations may name types of <paramref name="definitions"/>.
    /// </summary>
    public static byte[] EncodeArguments(string text, DidFile? definitions = null)
    {
        var (values, annotations) = TextParser.ParseAnnotatedArguments(text, definitions);
        var types = values.Select((v, i) => annotations[i] ?? TypeInference.Infer(v)).ToArray();
        return CandidEncoder.Encode(types, values);
    }

    /// <summary>Prints an argument list; with types, field names come from them.</summary>
    public static string PrintArguments(IReadOnlyList<CandidValue> values, IReadOnlyList<CandidType>? types = null) =>
        TextPrinter.PrintArguments(values, types);

    public static string Print(CandidValue value, CandidType type) => TextPrinter.Print(value, type);

    public override bool Equals(CandidValue? other) => other is CandidText t && t.Value == Value;

    public override int GetHashCode() => Value.GetHashCode(StringComparison.Ordinal);
}
