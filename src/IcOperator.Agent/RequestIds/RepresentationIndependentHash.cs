using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using IcOperator.Agent.Cbor;
using IcOperator.Candid;

namespace IcOperator.Agent.RequestIds;

/// <summary>
/// The IC's representation-independent hash (spec "Representation-independent hashing of structured data"):
/// blobs hash as themselves, text as UTF-8, naturals as unsigned LEB128, integers as signed LEB128, arrays as the
/// hash of their elements' hashes concatenated, maps as the hash of their sorted (hash(key) ++ hash(value)) pairs.
/// </summary>
public static class RepresentationIndependentHash
{
    public static byte[] OfBlob(ReadOnlySpan<byte> value) => SHA256.HashData(value);

    public static byte[] OfText(string value)
    {
        ArgumentNullException.ThrowIfNull(value);

        // Field names and method names are short: hash them from the stack.
        var length = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (length > 256)
        {
            return SHA256.HashData(Encoding.UTF8.GetBytes(value));
        }

        Span<byte> utf8 = stackalloc byte[length];
        return SHA256.HashData(utf8[..Encoding.UTF8.GetBytes(value, utf8)]);
    }

    public static byte[] OfNat(ulong value)
    {
        Span<byte> leb = stackalloc byte[10];
        var length = 0;
        do
        {
            var b = (byte)(value & 0x7f);
            value >>= 7;
            leb[length++] = value == 0 ? b : (byte)(b | 0x80);
        }
        while (value != 0);

        return SHA256.HashData(leb[..length]);
    }

    public static byte[] OfNat(BigInteger value) => SHA256.HashData(Leb128.EncodeUnsigned(value));

    public static byte[] OfInt(BigInteger value) => SHA256.HashData(Leb128.EncodeSigned(value));

    public static byte[] OfArray(IEnumerable<byte[]> elementHashes)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var element in elementHashes)
        {
            hash.AppendData(element);
        }

        return hash.GetHashAndReset();
    }

    /// <summary>hash_of_map over text keys and already-hashed values. Duplicate keys are refused.</summary>
    public static byte[] OfMap(IEnumerable<KeyValuePair<string, byte[]>> fieldHashes)
    {
        ArgumentNullException.ThrowIfNull(fieldHashes);
        var pairs = new List<byte[]>(8);
        foreach (var (key, valueHash) in fieldHashes)
        {
            var pair = new byte[64];
            OfText(key).CopyTo(pair, 0);
            valueHash.CopyTo(pair, 32);
            pairs.Add(pair);
        }

        pairs.Sort(static (a, b) => a.AsSpan().SequenceCompareTo(b));
        for (var i = 1; i < pairs.Count; i++)
        {
            // Equal key hashes sort next to each other: equal keys.
            if (pairs[i].AsSpan(0, 32).SequenceEqual(pairs[i - 1].AsSpan(0, 32)))
            {
                throw new ArgumentException("hash_of_map: duplicate key " + DuplicateKey(fieldHashes, pairs[i].AsSpan(0, 32)), nameof(fieldHashes));
            }
        }

        Span<byte> all = pairs.Count <= 32 ? stackalloc byte[pairs.Count * 64] : new byte[pairs.Count * 64];
        for (var i = 0; i < pairs.Count; i++)
        {
            pairs[i].CopyTo(all[(i * 64)..]);
        }

        return SHA256.HashData(all);
    }

    private static string DuplicateKey(IEnumerable<KeyValuePair<string, byte[]>> fieldHashes, ReadOnlySpan<byte> keyHash)
    {
        foreach (var (key, _) in fieldHashes)
        {
            if (OfText(key).AsSpan().SequenceEqual(keyHash))
            {
                return $"'{key}'";
            }
        }

        return "(unknown)";
    }

    /// <summary>
    /// Hashes a CBOR value as the IC hashes request content: unsigned → nat, negative → int, byte/text strings,
    /// arrays, maps with text keys. A self-describe tag is skipped; other tags, booleans and null have no hash.
    /// </summary>
    public static byte[] Of(CborValue value) => value switch
    {
        CborBytes b => OfBlob(b.Span),
        CborText t => OfText(t.Value),
        CborUnsigned u => OfNat(u.Value),
        CborNegative n => OfInt(n.Value),
        CborArray a => OfArray(a.Items.Select(Of)),
        CborMap m => OfMap(m.Entries.Select(e => new KeyValuePair<string, byte[]>(
            e.Key is CborText k ? k.Value : throw new ArgumentException($"hash_of_map: keys must be text, found {e.Key.Kind}", nameof(value)),
            Of(e.Value)))),
        CborTag { Tag: CborTag.SelfDescribe } t => Of(t.Content),
        _ => throw new ArgumentException($"representation-independent hash: {value.Kind} has no defined hash", nameof(value)),
    };

    /// <summary>The request id of a content map.</summary>
    public static RequestId RequestIdOf(CborMap content) => new(Of(content));
}
