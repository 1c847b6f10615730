using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace IcOperator.Candid;

/// <summary>A growable byte buffer with the Candid primitive encodings (LEB128, SLEB128, little-endian).</summary>
internal sealed class ByteSink(int capacity = 256)
{
    private byte[] buffer = new byte[Math.Max(capacity, 16)];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Written => buffer.AsSpan(0, Length);

    public byte[] ToArray() => buffer.AsSpan(0, Length).ToArray();

    public void Byte(byte b)
    {
        Ensure(1);
        buffer[Length++] = b;
    }

    public void Bytes(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(buffer.AsSpan(Length));
        Length += bytes.Length;
    }

    public void Leb(ulong value)
    {
        Ensure(10);
        do
        {
            var b = (byte)(value & 0x7f);
            value >>= 7;
            buffer[Length++] = value == 0 ? b : (byte)(b | 0x80);
        }
        while (value != 0);
    }

    public void Sleb(long value)
    {
        Ensure(10);
        while (true)
        {
            var b = (byte)(value & 0x7f);
            value >>= 7;
            var done = (value == 0 && (b & 0x40) == 0) || (value == -1 && (b & 0x40) != 0);
            buffer[Length++] = done ? b : (byte)(b | 0x80);
            if (done)
            {
                return;
            }
        }
    }

    public void Leb(BigInteger value)
    {
        if (value <= ulong.MaxValue)
        {
            Leb((ulong)value);
            return;
        }

        Leb128.WriteUnsigned(this, value);
    }

    public void Sleb(BigInteger value)
    {
        if (value >= long.MinValue && value <= long.MaxValue)
        {
            Sleb((long)value);
            return;
        }

        Leb128.WriteSigned(this, value);
    }

    public void UInt16(ushort v)
    {
        Ensure(2);
        BinaryPrimitives.WriteUInt16LittleEndian(buffer.AsSpan(Length), v);
        Length += 2;
    }

    public void UInt32(uint v)
    {
        Ensure(4);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(Length), v);
        Length += 4;
    }

    public void UInt64(ulong v)
    {
        Ensure(8);
        BinaryPrimitives.WriteUInt64LittleEndian(buffer.AsSpan(Length), v);
        Length += 8;
    }

    public void Utf8(string text)
    {
        var count = Encoding.UTF8.GetByteCount(text);
        Leb((ulong)count);
        Ensure(count);
        Length += Encoding.UTF8.GetBytes(text, buffer.AsSpan(Length));
    }

    private void Ensure(int more)
    {
        if (Length + more > buffer.Length)
        {
            // A write larger than the buffer (a chunk's blob) gets an eighth more room, so the few fields after it do not
            // double a MiB-sized array again.
            var needed = Length + more;
            Array.Resize(ref buffer, Math.Max(buffer.Length * 2, needed + (needed / 8)));
        }
    }
}
