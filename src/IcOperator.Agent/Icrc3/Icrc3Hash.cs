using System.Security.Cryptography;
using System.Text;
using IcOperator.Candid;

namespace IcOperator.Agent.Icrc3;

/// <summary>
/// ICRC-3's hash of a <see cref="Icrc3Value"/> (the IC's representation-independent hashing): Nat as unsigned
/// LEB128, Int as signed LEB128, Text as UTF-8, Blob as itself, Array over its elements' hashes, Map over
/// its (hash(key), hash(value)) pairs sorted lexicographically.
/// </summary>
public static class Icrc3Hash
{
    public static byte[] Of(Icrc3Value value) => value switch
    {
        Icrc3Nat n => SHA256.HashData(Leb128.EncodeUnsigned(n.Value)),
        Icrc3Int i => SHA256.HashData(Leb128.EncodeSigned(i.Value)),
        Icrc3Text t => SHA256.HashData(Encoding.UTF8.GetBytes(t.Value)),
        Icrc3Blob b => SHA256.HashData(b.Value),
        Icrc3Array a => Concatenated(a.Items.Select(Of)),
        Icrc3Map m => Concatenated(m.Entries
            .Select(e => (Key: SHA256.HashData(Encoding.UTF8.GetBytes(e.Key)), Value: Of(e.Value)))
            .OrderBy(p => p.Key.Concat(p.Value).ToArray(), ByteOrder.Instance)
            .SelectMany(p => new[] { p.Key, p.Value })),
        _ => throw new ArgumentException($"Unknown ICRC-3 value {value.GetType().Name}.", nameof(value)),
    };

    private static byte[] Concatenated(IEnumerable<byte[]> hashes)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var h in hashes)
        {
            hash.AppendData(h);
        }

        return hash.GetHashAndReset();
    }

    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
