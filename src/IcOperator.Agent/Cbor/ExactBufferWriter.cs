using System.Buffers;

namespace IcOperator.Agent.Cbor;

/// <summary>
/// Writes into one array of a size known in advance; it never grows. <see cref="GetSpan"/> hands out the rest of the
/// array whatever the hint, since the encoder asks for a whole head's room while writing only the head's length.
/// </summary>
internal sealed class ExactBufferWriter(int length) : IBufferWriter<byte>
{
    private readonly byte[] buffer = new byte[length];
    private int written;

    public void Advance(int count)
    {
        if (count < 0 || written + count > buffer.Length)
        {
            throw new InvalidOperationException($"CBOR: {count} more bytes written past the measured length of {buffer.Length}");
        }

        written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0) => buffer.AsMemory(written);

    public Span<byte> GetSpan(int sizeHint = 0) => buffer.AsSpan(written);

    /// <summary>The array, once exactly its length was written.</summary>
    public byte[] Filled() => written == buffer.Length
        ? buffer
        : throw new InvalidOperationException($"CBOR: {written} bytes written where {buffer.Length} were measured");
}
