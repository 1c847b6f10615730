using IcOperator.Agent.Cbor;

namespace IcOperator.Agent.Tests.Cbor;

/// <summary>Random CBOR values of the kinds the IC uses, for round-trip and differential tests.</summary>
internal static class CborGenerator
{
    public static CborValue Value(Random random, int depth)
    {
        var kind = random.Next(depth > 0 ? 9 : 6);
        return kind switch
        {
            0 => new CborUnsigned(Unsigned(random)),
            1 => new CborNegative(Unsigned(random)),
            2 => new CborBytes(Bytes(random, random.Next(40))),
            3 => new CborText(Text(random)),
            4 => random.Next(3) switch { 0 => CborValue.True, 1 => CborValue.False, _ => CborValue.Null },
            5 => new CborUnsigned((ulong)random.Next(24)),
            6 => new CborArray(Enumerable.Range(0, random.Next(5)).Select(_ => Value(random, depth - 1)).ToArray()),
            7 => CborMap.FromText(Enumerable.Range(0, random.Next(5)).Select(i => new KeyValuePair<string, CborValue>($"k{i}_{Text(random)}", Value(random, depth - 1)))),
            _ => new CborTag((ulong)random.Next(0, 100000), Value(random, depth - 1)),
        };
    }

    public static ulong Unsigned(Random random) => random.Next(5) switch
    {
        0 => (ulong)random.Next(24),
        1 => (ulong)random.Next(256),
        2 => (ulong)random.Next(65536),
        3 => (ulong)random.NextInt64(),
        _ => (ulong)random.NextInt64() * 2 + (ulong)random.Next(2),
    };

    public static byte[] Bytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    public static string Text(Random random)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz_-é€😀 ";
        var length = random.Next(12);
        var builder = new System.Text.StringBuilder();
        for (var i = 0; i < length; i++)
        {
            var c = alphabet[random.Next(alphabet.Length)];
            if (char.IsHighSurrogate(c))
            {
                builder.Append("😀");
                continue;
            }

            if (!char.IsLowSurrogate(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
