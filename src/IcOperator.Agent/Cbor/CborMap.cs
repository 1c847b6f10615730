namespace IcOperator.Agent.Cbor;

/// <summary>
/// A map (major type 5) keeping its entries in the order given. Keys are usually text (IC envelopes);
/// duplicate keys are refused by the decoder.
/// </summary>
public sealed class CborMap(IReadOnlyList<KeyValuePair<CborValue, CborValue>> entries) : CborValue
{
    public IReadOnlyList<KeyValuePair<CborValue, CborValue>> Entries { get; } = entries ?? throw new ArgumentNullException(nameof(entries));

    public int Count => Entries.Count;

    public override string Kind => "a map";

    /// <summary>A map with text keys, in the order given.</summary>
    public static CborMap FromText(IEnumerable<KeyValuePair<string, CborValue>> entries) =>
        new(entries.Select(e => new KeyValuePair<CborValue, CborValue>(new CborText(e.Key), e.Value)).ToList());

    public static CborMap FromText(params (string Key, CborValue Value)[] entries) =>
        new(entries.Select(e => new KeyValuePair<CborValue, CborValue>(new CborText(e.Key), e.Value)).ToList());

    /// <summary>The value under a text key, or null when absent.</summary>
    public CborValue? Get(string key)
    {
        foreach (var entry in Entries)
        {
            if (entry.Key is CborText t && string.Equals(t.Value, key, StringComparison.Ordinal))
            {
                return entry.Value;
            }
        }

        return null;
    }

    /// <summary>The value under a text key; throws naming the key when it is missing.</summary>
    public CborValue Require(string key) => Get(key) ?? throw new CborException($"CBOR map: required field '{key}' is missing");

    /// <summary>The value under a text key, treating an explicit null like an absent field.</summary>
    public CborValue? GetOptional(string key) => Get(key) is { } v && v != Null ? v : null;

    public override bool Equals(CborValue? other) =>
        other is CborMap m && m.Entries.Count == Entries.Count && Entries.Zip(m.Entries).All(p => p.First.Key.Equals(p.Second.Key) && p.First.Value.Equals(p.Second.Value));

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var entry in Entries)
        {
            hash.Add(entry.Key);
            hash.Add(entry.Value);
        }

        return hash.ToHashCode();
    }

    public override string ToString() => "{" + string.Join(", ", Entries.Select(e => e.Key + ": " + e.Value)) + "}";
}
