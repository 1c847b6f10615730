namespace IcOperator.Agent.Cbor;

/// <summary>A byte string (major type 2). The bytes are copied in and never exposed mutably.</summary>
public sealed class CborBytes : CborValue
{
    private readonly ReadOnlyMemory<byte> bytes;

    public CborBytes(ReadOnlySpan<byte> value) => bytes = value.ToArray();

    private CborBytes(ReadOnlyMemory<byte> shared) => bytes = shared;

    public ReadOnlySpan<byte> Span => bytes.Span;

    /// <summary>The bytes themselves, for an encoding that sends them without copying (they never change).</summary>
    internal ReadOnlyMemory<byte> Memory => bytes;

    public int Length => bytes.Length;

    public override string Kind => "a byte string";

    /// <summary>
    /// A byte string over bytes the caller owns and does not change while the value is in use (a request's argument,
    /// up to a MiB per chunk upload, encoded twice per call: copying it would only make garbage).
    /// </summary>
    internal static CborBytes Sharing(ReadOnlyMemory<byte> owned) => new(owned);

    public byte[] ToArray() => bytes.ToArray();

    public override bool Equals(CborValue? other) => other is CborBytes b && b.bytes.Span.SequenceEqual(bytes.Span);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(bytes.Span);
        return hash.ToHashCode();
    }

    public override string ToString() => "h'" + Convert.ToHexStringLower(bytes.Span) + "'";
}
