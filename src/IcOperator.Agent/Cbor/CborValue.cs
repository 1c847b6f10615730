namespace IcOperator.Agent.Cbor;

/// <summary>
/// A decoded CBOR data item, restricted to what the IC interface uses: unsigned and negative integers up to
/// 64 bits, byte and text strings, arrays, maps, tags, booleans and null. Values compare structurally.
/// </summary>
public abstract class CborValue : IEquatable<CborValue>
{
    private protected CborValue()
    {
    }

    public static CborValue Null { get; } = new CborSimple(CborSimpleValue.Null);

    public static CborValue True { get; } = new CborSimple(CborSimpleValue.True);

    public static CborValue False { get; } = new CborSimple(CborSimpleValue.False);

    public static implicit operator CborValue(ulong value) => new CborUnsigned(value);

    public static implicit operator CborValue(string value) => new CborText(value);

    public static implicit operator CborValue(byte[] value) => new CborBytes(value);

    public static CborValue FromBoolean(bool value) => value ? True : False;

    /// <summary>The bytes of a byte string; throws naming what was found otherwise.</summary>
    public byte[] AsBytes(string field) => this is CborBytes b ? b.ToArray() : throw Unexpected(field, "a byte string");

    public string AsText(string field) => this is CborText t ? t.Value : throw Unexpected(field, "a text string");

    public ulong AsUnsigned(string field) => this is CborUnsigned u ? u.Value : throw Unexpected(field, "an unsigned integer");

    public CborArray AsArray(string field) => this as CborArray ?? throw Unexpected(field, "an array");

    public CborMap AsMap(string field) => this as CborMap ?? throw Unexpected(field, "a map");

    /// <summary>The value without a self-describe tag (55799) around it.</summary>
    public CborValue Untagged() => this is CborTag { Tag: CborTag.SelfDescribe } t ? t.Content.Untagged() : this;

    public abstract string Kind { get; }

    public abstract bool Equals(CborValue? other);

    public override bool Equals(object? obj) => obj is CborValue v && Equals(v);

    public abstract override int GetHashCode();

    internal CborException Unexpected(string field, string expected) =>
        new($"CBOR field '{field}': expected {expected}, found {Kind}");
}
