namespace IcOperator.Candid;

/// <summary>Decodes DIDL messages (the binary Candid format).</summary>
public static class CandidDecoder
{
    /// <summary>
    /// Decodes a message at the expected argument types, applying the specification's subtyping rules:
    /// extra arguments and record fields are skipped, missing opt/null/reserved ones read as null,
    /// values that do not fit an <c>opt</c> read as null, nat widens to int.
    /// </summary>
    /// <exception cref="CandidException">The message is malformed, exceeds the bounds, or does not fit the types.</exception>
    public static IReadOnlyList<CandidValue> Decode(byte[] message, IReadOnlyList<CandidType> expected, CandidDecoderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(expected);
        options ??= CandidDecoderOptions.Default;
        var (wireTypes, wireValues) = new MessageReader(message, options).Read();
        var coercion = new Coercion(options);
        var result = new CandidValue[expected.Count];
        for (var i = 0; i < expected.Count; i++)
        {
            if (i < wireValues.Length)
            {
                result[i] = coercion.Coerce(wireValues[i], wireTypes[i], expected[i], 0)
                    ?? throw new CandidException($"argument {i}: {coercion.LastFailure}");
            }
            else if (expected[i].AcceptsNull)
            {
                result[i] = Coercion.NullFor(expected[i]);
            }
            else
            {
                throw new CandidException($"argument {i} of type {expected[i]} is missing: the message has {wireValues.Length} arguments");
            }
        }

        return result;
    }

    /// <summary>Decodes a message of a single expected value.</summary>
    public static CandidValue DecodeOne(byte[] message, CandidType expected, CandidDecoderOptions? options = null) =>
        Decode(message, [expected], options)[0];

    /// <summary>Decodes a message at the types it declares itself (field names are unknown: ids only).</summary>
    public static CandidMessage Decode(byte[] message, CandidDecoderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        var (types, values) = new MessageReader(message, options ?? CandidDecoderOptions.Default).Read();
        return new CandidMessage(types, values);
    }
}
