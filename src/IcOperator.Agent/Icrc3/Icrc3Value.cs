using System.Numerics;

namespace IcOperator.Agent.Icrc3;

/// <summary>
/// ICRC-3's <c>Value</c>: the schema-free form blocks are served in, so a client hashes exactly what the log
/// hashed. <c>variant { Blob; Text; Nat; Int; Array : vec Value; Map : vec record { text; Value } }</c>.
/// </summary>
public abstract class Icrc3Value : IEquatable<Icrc3Value>
{
    private protected Icrc3Value()
    {
    }

    public static Icrc3Value Nat(BigInteger value) => new Icrc3Nat(value);

    public static Icrc3Value Int(BigInteger value) => new Icrc3Int(value);

    public static Icrc3Value Text(string value) => new Icrc3Text(value);

    public static Icrc3Value Blob(byte[] value) => new Icrc3Blob(value);

    public static Icrc3Value Array(params IEnumerable<Icrc3Value> items) => new Icrc3Array([.. items]);

    public static Icrc3Value Map(params IEnumerable<(string Key, Icrc3Value Value)> entries) =>
        new Icrc3Map([.. entries.Select(e => new KeyValuePair<string, Icrc3Value>(e.Key, e.Value))]);

    /// <summary>The ICRC-3 representation-independent hash of this value.</summary>
    public byte[] Hash() => Icrc3Hash.Of(this);

    public abstract bool Equals(Icrc3Value? other);

    public override bool Equals(object? obj) => obj is Icrc3Value v && Equals(v);

    public abstract override int GetHashCode();

    public BigInteger AsNat(string field) => this is Icrc3Nat n ? n.Value : throw Mismatch(field, "Nat");

    public string AsText(string field) => this is Icrc3Text t ? t.Value : throw Mismatch(field, "Text");

    public byte[] AsBlob(string field) => this is Icrc3Blob b ? b.Value : throw Mismatch(field, "Blob");

    public IReadOnlyList<Icrc3Value> AsArray(string field) => this is Icrc3Array a ? a.Items : throw Mismatch(field, "Array");

    public Icrc3Map AsMap(string field) => this as Icrc3Map ?? throw Mismatch(field, "Map");

    private protected FormatException Mismatch(string field, string expected) =>
        new($"{field}: expected an ICRC-3 {expected}, found {ToString()}");
}
