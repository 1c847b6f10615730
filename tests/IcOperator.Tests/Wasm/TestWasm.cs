using System.IO.Compression;
using System.Text;

namespace IcOperator.Tests.Wasm;

/// <summary>Builds real Wasm binaries: header, a type section, custom sections, and optional padding to reach a size.</summary>
internal sealed class TestWasm
{
    private readonly List<(string Name, byte[] Content)> sections = [];
    private int padding;

    public TestWasm Public(string name, string content) => Custom("icp:public " + name, Encoding.UTF8.GetBytes(content));

    public TestWasm Private(string name, string content) => Custom("icp:private " + name, Encoding.UTF8.GetBytes(content));

    public TestWasm Custom(string rawName, byte[] content)
    {
        sections.Add((rawName, content));
        return this;
    }

    /// <summary>Adds a custom section named "padding" so the module is at least this large.</summary>
    public TestWasm Padded(int size)
    {
        padding = size;
        return this;
    }

    public byte[] Build()
    {
        var output = new MemoryStream();
        output.Write([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
        // Type section with one function type () -> ().
        WriteSection(output, 1, [0x01, 0x60, 0x00, 0x00]);
        foreach (var (name, content) in sections)
        {
            WriteCustom(output, name, content);
        }

        if (padding > output.Length)
        {
            var remaining = padding - (int)output.Length - 16;
            WriteCustom(output, "padding", new byte[Math.Max(remaining, 0)]);
        }

        return output.ToArray();
    }

    public byte[] BuildGzip()
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(Build());
        }

        return output.ToArray();
    }

    private static void WriteCustom(MemoryStream output, string name, byte[] content)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var body = new MemoryStream();
        WriteLeb(body, (uint)nameBytes.Length);
        body.Write(nameBytes);
        body.Write(content);
        WriteSection(output, 0, body.ToArray());
    }

    private static void WriteSection(MemoryStream output, byte id, byte[] body)
    {
        output.WriteByte(id);
        WriteLeb(output, (uint)body.Length);
        output.Write(body);
    }

    private static void WriteLeb(MemoryStream output, uint value)
    {
        do
        {
            var b = (byte)(value & 0x7f);
            value >>= 7;
            output.WriteByte(value == 0 ? b : (byte)(b | 0x80));
        }
        while (value != 0);
    }
}
