using System.Text;

namespace IcOperator.Emulators.Kube.Protobuf;

/// <summary>The protobuf wire format, read field by field: varints, fixed widths and length-delimited values.</summary>
internal sealed class ProtoReader(byte[] data, int start, int end)
{
    private int _position = start;

    public ProtoReader(byte[] data)
        : this(data, 0, data.Length)
    {
    }

    public bool More => _position < end;

    public (int Field, int WireType) ReadTag()
    {
        var tag = ReadVarint();
        return ((int)(tag >> 3), (int)(tag & 7));
    }

    public ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = Next();
            value |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw new FormatException("protobuf varint longer than 10 bytes");
    }

    public ProtoReader ReadMessage()
    {
        var (from, to) = ReadSpan();
        return new ProtoReader(data, from, to);
    }

    public byte[] ReadBytes()
    {
        var (from, to) = ReadSpan();
        return data[from..to];
    }

    public string ReadString()
    {
        var (from, to) = ReadSpan();
        return Encoding.UTF8.GetString(data, from, to - from);
    }

    public void Skip(int wireType)
    {
        switch (wireType)
        {
            case 0:
                ReadVarint();
                break;
            case 1:
                Advance(8);
                break;
            case 2:
                ReadSpan();
                break;
            case 5:
                Advance(4);
                break;
            default:
                throw new FormatException($"unsupported protobuf wire type {wireType}");
        }
    }

    private (int From, int To) ReadSpan()
    {
        var length = (int)ReadVarint();
        var from = _position;
        Advance(length);
        return (from, from + length);
    }

    private void Advance(int count)
    {
        if (count < 0 || _position + count > end)
        {
            throw new FormatException("protobuf value runs past its message");
        }

        _position += count;
    }

    private byte Next()
    {
        if (_position >= end)
        {
            throw new FormatException("protobuf message ends inside a value");
        }

        return data[_position++];
    }
}
