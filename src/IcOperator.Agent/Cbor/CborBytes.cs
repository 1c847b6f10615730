namespace IcOperator.Agent.Cbor;

/// <summary>A byte string (major type 2). The bytes are copied in and never exposed mutably.</summary>
public sealed class CborBytes : CborValue
{
    private readonly byte[] bytes;

    public CborBytes(ReadOnlySpan<byte> value) => bytes = value.ToArray();

    public ReadOnlySpan<byte> Span => bytes;

    public int Length => bytes.Length;

    public byte[] ToArray() => (byte[])bytes.Clone();

    public override string Kind => "a byte string";

    public override bool Equals(CborValue? other) => other is CborBytes b && b.bytes.AsSpan().SequenceEqual(bytes);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(bytes);
        return hash.ToHashCode();
    }

    public override string ToString() => "h'" + Convert.ToHexStringLower(bytes) + "'";
}
