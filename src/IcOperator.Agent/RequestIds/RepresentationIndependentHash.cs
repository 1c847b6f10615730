using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using IcOperator.Agent.Cbor;

namespace IcOperator.Agent.RequestIds;

/// <summary>
/// The IC's representation-independent hash (spec "Representation-independent hashing of structured data"):
/// blobs hash as themselves, text as UTF-8, naturals as unsigned LEB128, integers as signed LEB128, arrays as the
/// hash of their elements' hashes concatenated, maps as the hash of their sorted (hash(key) ++ hash(value)) pairs.
/// </summary>
public static class RepresentationIndependentHash
{
    public static byte[] OfBlob(ReadOnlySpan<byte> value) => SHA256.HashData(value);

    public static byte[] OfText(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));

    public static byte[] OfNat(ulong value) => SHA256.HashData(Leb128.EncodeUnsigned(value));

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
        var pairs = new List<byte[]>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, valueHash) in fieldHashes)
        {
            if (!keys.Add(key))
            {
                throw new ArgumentException($"hash_of_map: duplicate key '{key}'", nameof(fieldHashes));
            }

            pairs.Add([.. OfText(key), .. valueHash]);
        }

        pairs.Sort((a, b) => a.AsSpan().SequenceCompareTo(b));
        return OfArray(pairs);
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
