using System.Collections.Concurrent;

namespace IcOperator.Candid;

/// <summary>
/// Type tables already read, by their bytes: replies of the same method repeat the same table, and
/// reading it is most of the work of decoding a small message. Bounded; cleared when full.
/// </summary>
internal static class TypeTableCache
{
    private const int Capacity = 512;
    private static readonly ConcurrentDictionary<byte[], CandidType[]> Tables = new(ByteArrayComparer.Instance);

    public static bool TryGet(ReadOnlySpan<byte> tableBytes, out CandidType[] table)
    {
        var lookup = Tables.GetAlternateLookup<ReadOnlySpan<byte>>();
        return lookup.TryGetValue(tableBytes, out table!);
    }

    public static void Add(ReadOnlySpan<byte> tableBytes, CandidType[] table)
    {
        if (Tables.Count >= Capacity)
        {
            Tables.Clear();
        }

        Tables.TryAdd(tableBytes.ToArray(), table);
    }

    private sealed class ByteArrayComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public static readonly ByteArrayComparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => GetHashCode((ReadOnlySpan<byte>)obj);

        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

        public int GetHashCode(ReadOnlySpan<byte> alternate)
        {
            var hash = new HashCode();
            hash.AddBytes(alternate);
            return hash.ToHashCode();
        }

        public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
    }
}
