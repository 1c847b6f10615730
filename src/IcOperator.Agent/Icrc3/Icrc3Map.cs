namespace IcOperator.Agent.Icrc3;

/// <summary>Text keys to values, hashed as the hash of its sorted (hash(key), hash(value)) pairs: key order does not matter.</summary>
public sealed class Icrc3Map : Icrc3Value
{
    public Icrc3Map(IReadOnlyList<KeyValuePair<string, Icrc3Value>> entries)
    {
        var duplicate = entries.GroupBy(e => e.Key, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new FormatException($"An ICRC-3 Map holds the key '{duplicate.Key}' more than once.");
        }

        Entries = entries;
    }

    public IReadOnlyList<KeyValuePair<string, Icrc3Value>> Entries { get; }

    public Icrc3Value? Find(string key) => Entries.FirstOrDefault(e => e.Key == key).Value;

    public Icrc3Value Require(string key, string path) =>
        Find(key) ?? throw new FormatException($"{path}: expected a field '{key}', found none (fields: {string.Join(", ", Entries.Select(e => e.Key))})");

    public override bool Equals(Icrc3Value? other) =>
        other is Icrc3Map m && m.Entries.Count == Entries.Count
        && Entries.All(e => m.Find(e.Key) is { } v && v.Equals(e.Value));

    public override int GetHashCode() => HashCode.Combine(3, Entries.Count);

    public override string ToString() => "Map({" + string.Join(", ", Entries.Select(e => e.Key + ": " + e.Value)) + "})";
}
