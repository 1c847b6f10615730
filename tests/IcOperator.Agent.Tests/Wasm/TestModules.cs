using System.IO.Compression;
using System.Text;

namespace IcOperator.Agent.Tests.Wasm;

/// <summary>Builds small Wasm binaries for tests: the 8-byte header plus the sections asked for.</summary>
internal static class TestModules
{
    public static byte[] Minimal { get; } = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

    public static byte[] With(params (string Name, byte[] Content)[] customSections)
    {
        var output = new List<byte>(Minimal);
        // A type section first, as compilers emit: one function type () -> ().
        output.AddRange(Section(1, [0x01, 0x60, 0x00, 0x00]));
        foreach (var (name, content) in customSections)
        {
            var nameBytes = Encoding.UTF8.GetBytes(name);
            output.AddRange(Section(0, [.. Uleb((uint)nameBytes.Length), .. nameBytes, .. content]));
        }

        return [.. output];
    }

    public static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    private static byte[] Section(byte id, byte[] payload) => [id, .. Uleb((uint)payload.Length), .. payload];

    private static byte[] Uleb(uint value)
    {
        var bytes = new List<byte>();
        do
        {
            var b = (byte)(value & 0x7f);
            value >>= 7;
            bytes.Add(value == 0 ? b : (byte)(b | 0x80));
        }
        while (value != 0);
        return [.. bytes];
    }
}
