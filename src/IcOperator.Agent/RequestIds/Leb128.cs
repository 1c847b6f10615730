using System.Numerics;

namespace IcOperator.Agent.RequestIds;

/// <summary>LEB128 as the IC uses it: unsigned for naturals (request ids, state-tree times), signed for integers.</summary>
public static class Leb128
{
    public static byte[] EncodeUnsigned(ulong value)
    {
        Span<byte> buffer = stackalloc byte[10];
        var length = 0;
        do
        {
            var b = (byte)(value & 0x7f);
            value >>= 7;
            buffer[length++] = value == 0 ? b : (byte)(b | 0x80);
        }
        while (value != 0);

        return buffer[..length].ToArray();
    }

    public static byte[] EncodeUnsigned(BigInteger value)
    {
        if (value.Sign < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "unsigned LEB128 needs a non-negative value");
        }

        var bytes = new List<byte>();
        do
        {
            var b = (byte)(value & 0x7f);
            value >>= 7;
            bytes.Add(value.IsZero ? b : (byte)(b | 0x80));
        }
        while (!value.IsZero);

        return [.. bytes];
    }

    public static byte[] EncodeSigned(BigInteger value)
    {
        var bytes = new List<byte>();
        while (true)
        {
            var b = (byte)(value & 0x7f);
            value >>= 7;
            var done = (value.IsZero && (b & 0x40) == 0) || (value == BigInteger.MinusOne && (b & 0x40) != 0);
            bytes.Add(done ? b : (byte)(b | 0x80));
            if (done)
            {
                return [.. bytes];
            }
        }
    }

    /// <summary>Decodes an unsigned LEB128 value that must fill <paramref name="data"/> and fit 64 bits.</summary>
    public static ulong DecodeUnsigned(ReadOnlySpan<byte> data, string field)
    {
        ulong result = 0;
        for (var i = 0; i < data.Length; i++)
        {
            var chunk = (ulong)(data[i] & 0x7f);
            if (i == 9 && chunk > 1 || i > 9)
            {
                throw new FormatException($"{field}: LEB128 value does not fit 64 bits");
            }

            result |= chunk << (7 * i);
            if ((data[i] & 0x80) == 0)
            {
                if (i != data.Length - 1)
                {
                    throw new FormatException($"{field}: {data.Length - i - 1} byte(s) after the end of the LEB128 value");
                }

                return result;
            }
        }

        throw new FormatException($"{field}: LEB128 value is truncated ({data.Length} bytes, last has the continuation bit)");
    }
}
