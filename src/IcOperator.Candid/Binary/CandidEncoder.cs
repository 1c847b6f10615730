namespace IcOperator.Candid;

/// <summary>Encodes values as DIDL messages (the binary Candid format).</summary>
public static class CandidEncoder
{
    /// <summary>Encodes an argument list; each value must fit the type at its position.</summary>
    /// <exception cref="CandidException">A value does not fit its type; the message names the field.</exception>
    public static byte[] Encode(IReadOnlyList<CandidType> types, IReadOnlyList<CandidValue> values)
    {
        ArgumentNullException.ThrowIfNull(types);
        ArgumentNullException.ThrowIfNull(values);
        if (types.Count != values.Count)
        {
            throw new CandidException($"{values.Count} values given for {types.Count} argument types");
        }

        var header = TypeTableWriter.Header(types);
        var sink = new ByteSink(header.Length + 256);
        sink.Bytes(header);
        for (var i = 0; i < values.Count; i++)
        {
            try
            {
                ValueWriter.Write(sink, values[i], types[i]);
            }
            catch (CandidException e)
            {
                throw new CandidException($"argument {i}: {e.Message}", e);
            }
        }

        return sink.ToArray();
    }

    /// <summary>Encodes a single value.</summary>
    public static byte[] EncodeOne(CandidType type, CandidValue value) => Encode([type], [value]);

    /// <summary>Encodes values without declared types, inferring them (numbers as int, as <c>didc</c> does).</summary>
    public static byte[] Encode(IReadOnlyList<CandidValue> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return Encode([.. values.Select(TypeInference.Infer)], values);
    }
}
