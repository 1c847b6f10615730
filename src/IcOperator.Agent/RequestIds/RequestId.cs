namespace IcOperator.Agent.RequestIds;

/// <summary>
/// The 32-byte request id: the representation-independent hash of a request's content map.
/// Written as lower-case hex; the spec's text form prefixes it with 0x.
/// </summary>
public readonly struct RequestId : IEquatable<RequestId>
{
    public const int Length = 32;

    private readonly byte[]? bytes;

    public RequestId(ReadOnlySpan<byte> value)
    {
        if (value.Length != Length)
        {
            throw new ArgumentException($"request id: expected {Length} bytes, found {value.Length}", nameof(value));
        }

        bytes = value.ToArray();
    }

    public ReadOnlySpan<byte> Bytes => bytes ?? new byte[Length];

    public byte[] ToArray() => Bytes.ToArray();

    public static RequestId Parse(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        var digits = hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? hex[2..] : hex;
        return new RequestId(Convert.FromHexString(digits));
    }

    public bool Equals(RequestId other) => Bytes.SequenceEqual(other.Bytes);

    public override bool Equals(object? obj) => obj is RequestId r && Equals(r);

    public override int GetHashCode() => BitConverter.ToInt32(Bytes[..4]);

    public static bool operator ==(RequestId left, RequestId right) => left.Equals(right);

    public static bool operator !=(RequestId left, RequestId right) => !left.Equals(right);

    public override string ToString() => Convert.ToHexStringLower(Bytes);
}
