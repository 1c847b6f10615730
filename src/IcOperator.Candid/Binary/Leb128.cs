using System.Numerics;

namespace IcOperator.Candid;

/// <summary>
/// LEB128 and SLEB128 of arbitrary size in linear time: the 7-bit groups are packed into bytes once,
/// rather than shifting a growing number for every group (quadratic on a hostile megabyte-long number).
/// Candid uses it for its numbers; the IC agent for request ids (naturals, integers) and state-tree
/// times and reject codes.
/// </summary>
public static class Leb128
{
    public static byte[] EncodeUnsigned(ulong value)
    {
        var sink = new ByteSink(16);
        sink.Leb(value);
        return sink.ToArray();
    }

    public static byte[] EncodeUnsigned(BigInteger value)
    {
        if (value.Sign < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "unsigned LEB128 needs a non-negative value");
        }

        var sink = new ByteSink(16);
        sink.Leb(value);
        return sink.ToArray();
    }

    public static byte[] EncodeSigned(BigInteger value)
    {
        var sink = new ByteSink(16);
        sink.Sleb(value);
        return sink.ToArray();
    }

    /// <summary>Decodes an unsigned LEB128 value that must fill <paramref name="data"/> and fit 64 bits; errors name <paramref name="field"/>.</summary>
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

    /// <summary>The number of bytes of the LEB128 number at the start of <paramref name="data"/>, or -1 when it does not end.</summary>
    internal static int Length(ReadOnlySpan<byte> data)
    {
        for (var i = 0; i < data.Length; i++)
        {
            if ((data[i] & 0x80) == 0)
            {
                return i + 1;
            }
        }

        return -1;
    }

    internal static BigInteger DecodeUnsigned(ReadOnlySpan<byte> groups)
    {
        var packed = Pack(groups);
        return new BigInteger(packed, isUnsigned: true, isBigEndian: false);
    }

    internal static BigInteger DecodeSigned(ReadOnlySpan<byte> groups)
    {
        var value = DecodeUnsigned(groups);
        if ((groups[^1] & 0x40) != 0)
        {
            value -= BigInteger.One << (7 * groups.Length);
        }

        return value;
    }

    internal static void WriteUnsigned(ByteSink sink, BigInteger value)
    {
        var bytes = value.ToByteArray(isUnsigned: true, isBigEndian: false);
        var bits = (long)bytes.Length * 8;
        var groups = (int)Math.Max(1, (bits + 6) / 7);
        var output = Unpack(bytes, groups, 0);

        // Drop high groups that are zero (the number has fewer significant bits than its bytes).
        var n = output.Length;
        while (n > 1 && output[n - 1] == 0)
        {
            n--;
        }

        for (var i = 0; i < n - 1; i++)
        {
            output[i] |= 0x80;
        }

        sink.Bytes(output.AsSpan(0, n));
    }

    internal static void WriteSigned(ByteSink sink, BigInteger value)
    {
        // Two's complement bytes, little-endian, sign-extended by one byte so the top group carries the sign.
        var bytes = value.ToByteArray(isUnsigned: false, isBigEndian: false);
        var extended = new byte[bytes.Length + 1];
        bytes.CopyTo(extended, 0);
        extended[^1] = value.Sign < 0 ? (byte)0xff : (byte)0;
        var groups = (int)(((long)extended.Length * 8 + 6) / 7);
        var output = Unpack(extended, groups, extended[^1]);
        var fill = value.Sign < 0 ? (byte)0x7f : (byte)0;

        // Drop redundant high groups: a group equal to the sign fill whose predecessor already shows the sign.
        var n = output.Length;
        while (n > 1 && output[n - 1] == fill && ((output[n - 2] & 0x40) != 0) == (value.Sign < 0))
        {
            n--;
        }

        for (var i = 0; i < n - 1; i++)
        {
            output[i] |= 0x80;
        }

        sink.Bytes(output.AsSpan(0, n));
    }

    private static byte[] Pack(ReadOnlySpan<byte> groups)
    {
        var packed = new byte[(((long)groups.Length * 7) + 7) / 8 + 1];
        long bit = 0;
        foreach (var g in groups)
        {
            var v = g & 0x7f;
            var index = (int)(bit >> 3);
            var shift = (int)(bit & 7);
            packed[index] |= (byte)(v << shift);
            if (shift > 1)
            {
                packed[index + 1] |= (byte)(v >> (8 - shift));
            }

            bit += 7;
        }

        return packed;
    }

    /// <summary>7-bit groups of little-endian bytes; bits past the end are taken from <paramref name="pad"/> (the sign).</summary>
    private static byte[] Unpack(byte[] bytes, int groups, byte pad)
    {
        var output = new byte[groups];
        for (var g = 0; g < groups; g++)
        {
            var bit = (long)g * 7;
            var index = (int)(bit >> 3);
            var shift = (int)(bit & 7);
            var v = bytes[index] >> shift;
            if (shift > 1)
            {
                v |= (index + 1 < bytes.Length ? bytes[index + 1] : pad) << (8 - shift);
            }

            output[g] = (byte)(v & 0x7f);
        }

        return output;
    }
}
