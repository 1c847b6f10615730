using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace IcOperator.Agent.Cbor;

/// <summary>
/// CBOR (RFC 8949) as the IC uses it: definite lengths, shortest integer heads, the self-describe tag on
/// whole messages. Decoding is strict: no indefinite lengths, floats, undefined, other simple values, duplicate
/// map keys, invalid UTF-8 or trailing bytes, and <see cref="CborLimits"/> bound depth and sizes.
/// </summary>
public static class CborEncoding
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Encodes a value; with <paramref name="selfDescribe"/> it is wrapped in tag 55799 (d9 d9 f7) unless already tagged so.</summary>
    public static byte[] Encode(CborValue value, bool selfDescribe = false)
    {
        ArgumentNullException.ThrowIfNull(value);
        var tagged = selfDescribe && value is not CborTag { Tag: CborTag.SelfDescribe };

        // Measured first and written once into an array of that size: a chunk upload's envelope is over a MiB, and a
        // growing buffer made three or four large arrays of garbage per call.
        var buffer = new ExactBufferWriter((tagged ? HeadLength(CborTag.SelfDescribe) : 0) + EncodedLength(value, int.MaxValue));
        if (tagged)
        {
            WriteHead(buffer, 6, CborTag.SelfDescribe);
        }

        Write(buffer, value, int.MaxValue);
        return buffer.Filled();
    }

    /// <summary>
    /// Encodes like <see cref="Encode"/>, byte for byte, as a sequence in which each byte string of at least
    /// <paramref name="shareFrom"/> bytes is the string's own memory, not a copy: a chunk upload's envelope carries a
    /// MiB argument, and copying it into the envelope would make one more MiB of garbage per call.
    /// </summary>
    public static ReadOnlySequence<byte> EncodeSegments(CborValue value, bool selfDescribe = false, int shareFrom = DefaultShareFrom)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentOutOfRangeException.ThrowIfNegative(shareFrom);
        var tagged = selfDescribe && value is not CborTag { Tag: CborTag.SelfDescribe };
        var buffer = new SegmentedBufferWriter((tagged ? HeadLength(CborTag.SelfDescribe) : 0) + EncodedLength(value, shareFrom));
        if (tagged)
        {
            WriteHead(buffer, 6, CborTag.SelfDescribe);
        }

        Write(buffer, value, shareFrom);
        return buffer.Filled();
    }

    /// <summary>Byte strings from this length on are shared by <see cref="EncodeSegments"/>: below it a copy costs less than a segment.</summary>
    public const int DefaultShareFrom = 16 * 1024;

    /// <summary>Decodes exactly one item filling the whole input. A leading self-describe tag is kept as a <see cref="CborTag"/>; use <see cref="CborValue.Untagged"/>.</summary>
    public static CborValue Decode(ReadOnlySpan<byte> data, CborLimits? limits = null)
    {
        var reader = new Reader(data, limits ?? CborLimits.Default);
        var value = reader.ReadItem(0);
        if (reader.Offset != data.Length)
        {
            throw new CborException($"CBOR: {data.Length - reader.Offset} trailing byte(s) after the item at offset {reader.Offset}");
        }

        return value;
    }

    /// <summary>Decodes and removes a self-describe tag around the item, if any.</summary>
    public static CborValue DecodeUntagged(ReadOnlySpan<byte> data, CborLimits? limits = null) => Decode(data, limits).Untagged();

    /// <summary>Writes <paramref name="value"/>; byte strings of at least <paramref name="shareFrom"/> bytes are shared when the buffer can.</summary>
    private static void Write(IBufferWriter<byte> buffer, CborValue value, int shareFrom)
    {
        switch (value)
        {
            case CborUnsigned u:
                WriteHead(buffer, 0, u.Value);
                break;
            case CborNegative n:
                WriteHead(buffer, 1, n.EncodedMagnitude);
                break;
            case CborBytes b:
                WriteHead(buffer, 2, (ulong)b.Length);
                if (b.Length >= shareFrom && buffer is SegmentedBufferWriter segments)
                {
                    segments.Share(b.Memory);
                }
                else
                {
                    buffer.Write(b.Span);
                }

                break;
            case CborText t:
                var utf8 = StrictUtf8.GetBytes(t.Value);
                WriteHead(buffer, 3, (ulong)utf8.Length);
                buffer.Write(utf8);
                break;
            case CborArray a:
                WriteHead(buffer, 4, (ulong)a.Count);
                foreach (var item in a.Items)
                {
                    Write(buffer, item, shareFrom);
                }

                break;
            case CborMap m:
                WriteHead(buffer, 5, (ulong)m.Count);
                foreach (var entry in m.Entries)
                {
                    Write(buffer, entry.Key, shareFrom);
                    Write(buffer, entry.Value, shareFrom);
                }

                break;
            case CborTag tag:
                WriteHead(buffer, 6, tag.Tag);
                Write(buffer, tag.Content, shareFrom);
                break;
            case CborSimple s:
                buffer.Write([(byte)(0xe0 | (int)s.Value)]);
                break;
            default:
                throw new ArgumentException($"unsupported CBOR value {value.GetType().Name}", nameof(value));
        }
    }

    /// <summary>The bytes <see cref="Write"/> writes into its buffer for <paramref name="value"/> (shared byte strings' contents apart).</summary>
    private static int EncodedLength(CborValue value, int shareFrom)
    {
        switch (value)
        {
            case CborUnsigned u:
                return HeadLength(u.Value);
            case CborNegative n:
                return HeadLength(n.EncodedMagnitude);
            case CborBytes b:
                return HeadLength((ulong)b.Length) + (b.Length >= shareFrom ? 0 : b.Length);
            case CborText t:
                var count = StrictUtf8.GetByteCount(t.Value);
                return HeadLength((ulong)count) + count;
            case CborArray a:
                var items = HeadLength((ulong)a.Count);
                foreach (var item in a.Items)
                {
                    items += EncodedLength(item, shareFrom);
                }

                return items;
            case CborMap m:
                var entries = HeadLength((ulong)m.Count);
                foreach (var entry in m.Entries)
                {
                    entries += EncodedLength(entry.Key, shareFrom) + EncodedLength(entry.Value, shareFrom);
                }

                return entries;
            case CborTag tag:
                return HeadLength(tag.Tag) + EncodedLength(tag.Content, shareFrom);
            case CborSimple:
                return 1;
            default:
                throw new ArgumentException($"unsupported CBOR value {value.GetType().Name}", nameof(value));
        }
    }

    private static int HeadLength(ulong argument) => argument switch
    {
        < 24 => 1,
        <= byte.MaxValue => 2,
        <= ushort.MaxValue => 3,
        <= uint.MaxValue => 5,
        _ => 9,
    };

    private static void WriteHead(IBufferWriter<byte> buffer, int major, ulong argument)
    {
        var span = buffer.GetSpan(9);
        var m = (byte)(major << 5);
        int written;
        if (argument < 24)
        {
            span[0] = (byte)(m | (byte)argument);
            written = 1;
        }
        else if (argument <= byte.MaxValue)
        {
            span[0] = (byte)(m | 24);
            span[1] = (byte)argument;
            written = 2;
        }
        else if (argument <= ushort.MaxValue)
        {
            span[0] = (byte)(m | 25);
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)argument);
            written = 3;
        }
        else if (argument <= uint.MaxValue)
        {
            span[0] = (byte)(m | 26);
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)argument);
            written = 5;
        }
        else
        {
            span[0] = (byte)(m | 27);
            BinaryPrimitives.WriteUInt64BigEndian(span[1..], argument);
            written = 9;
        }

        buffer.Advance(written);
    }

    private ref struct Reader(ReadOnlySpan<byte> data, CborLimits limits)
    {
        private readonly ReadOnlySpan<byte> data = data;

        public int Offset { get; private set; }

        public CborValue ReadItem(int depth)
        {
            if (depth > limits.MaxDepth)
            {
                throw new CborException($"CBOR: nesting deeper than {limits.MaxDepth} at offset {Offset}");
            }

            var start = Offset;
            var initial = Take(1)[0];
            var major = initial >> 5;
            var info = initial & 0x1f;
            if (major == 7)
            {
                return info switch
                {
                    20 => CborValue.False,
                    21 => CborValue.True,
                    22 => CborValue.Null,
                    _ => throw new CborException($"CBOR: unsupported simple value or float (0x{initial:x2}) at offset {start}; the IC uses only false, true and null"),
                };
            }

            var argument = ReadArgument(info, start);
            switch (major)
            {
                case 0:
                    return new CborUnsigned(argument);
                case 1:
                    return new CborNegative(argument);
                case 2:
                    return new CborBytes(Take(CheckLength(argument, start, "byte string")));
                case 3:
                    var raw = Take(CheckLength(argument, start, "text string"));
                    try
                    {
                        return new CborText(StrictUtf8.GetString(raw));
                    }
                    catch (DecoderFallbackException)
                    {
                        throw new CborException($"CBOR: text string at offset {start} is not valid UTF-8");
                    }

                case 4:
                    {
                        var count = CheckCount(argument, start, "array", 1);
                        var items = new CborValue[count];
                        for (var i = 0; i < count; i++)
                        {
                            items[i] = ReadItem(depth + 1);
                        }

                        return new CborArray(items);
                    }

                case 5:
                    {
                        var count = CheckCount(argument, start, "map", 2);
                        var entries = new List<KeyValuePair<CborValue, CborValue>>(count);
                        var seen = new HashSet<CborValue>();
                        for (var i = 0; i < count; i++)
                        {
                            var keyOffset = Offset;
                            var key = ReadItem(depth + 1);
                            if (!seen.Add(key))
                            {
                                throw new CborException($"CBOR: duplicate map key {key} at offset {keyOffset}");
                            }

                            entries.Add(new(key, ReadItem(depth + 1)));
                        }

                        return new CborMap(entries);
                    }

                default:
                    return new CborTag(argument, ReadItem(depth + 1));
            }
        }

        private ulong ReadArgument(int info, int start)
        {
            switch (info)
            {
                case < 24:
                    return (ulong)info;
                case 24:
                    return Take(1)[0];
                case 25:
                    return BinaryPrimitives.ReadUInt16BigEndian(Take(2));
                case 26:
                    return BinaryPrimitives.ReadUInt32BigEndian(Take(4));
                case 27:
                    return BinaryPrimitives.ReadUInt64BigEndian(Take(8));
                case 31:
                    throw new CborException($"CBOR: indefinite-length item at offset {start}; only definite lengths are accepted");
                default:
                    throw new CborException($"CBOR: reserved additional information {info} at offset {start}");
            }
        }

        private readonly int CheckLength(ulong length, int start, string what) =>
            length > (ulong)limits.MaxStringLength
                ? throw new CborException($"CBOR: {what} at offset {start} is {length} bytes, more than the limit {limits.MaxStringLength}")
                : (int)length;

        private readonly int CheckCount(ulong count, int start, string what, int minBytesPerItem)
        {
            // Each item takes at least one byte, so a count larger than what remains is malformed, not just big.
            if (count > (ulong)limits.MaxCollectionCount || count * (ulong)minBytesPerItem > (ulong)(data.Length - Offset))
            {
                throw new CborException($"CBOR: {what} at offset {start} claims {count} items; limit {limits.MaxCollectionCount}, {data.Length - Offset} bytes remain");
            }

            return (int)count;
        }

        private ReadOnlySpan<byte> Take(int count)
        {
            if (count > data.Length - Offset)
            {
                throw new CborException($"CBOR: input ends at offset {data.Length}, {count} more byte(s) needed at offset {Offset}");
            }

            var slice = data.Slice(Offset, count);
            Offset += count;
            return slice;
        }
    }
}
