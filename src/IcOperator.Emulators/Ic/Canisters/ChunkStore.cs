using System.Security.Cryptography;

namespace IcOperator.Emulators.Ic.Canisters;

/// <summary>A canister's Wasm chunk store: chunks of at most 1 MiB, at most 100 of them, addressed by sha256.</summary>
internal sealed class ChunkStore
{
    public const int MaxChunkSize = 1024 * 1024;
    public const int Capacity = 100;

    private readonly List<(byte[] Hash, byte[] Content)> chunks = [];

    public int Count => chunks.Count;

    public long Size => chunks.Sum(c => (long)c.Content.Length);

    public IEnumerable<byte[]> Hashes => chunks.Select(c => c.Hash);

    /// <summary>Adds a chunk (uploading the same chunk twice stores it once) and returns its hash.</summary>
    public byte[] Add(byte[] chunk, out bool added)
    {
        var hash = SHA256.HashData(chunk);
        if (Find(hash) is not null)
        {
            added = false;
            return hash;
        }

        chunks.Add((hash, chunk));
        added = true;
        return hash;
    }

    public byte[]? Find(ReadOnlySpan<byte> hash)
    {
        foreach (var (h, content) in chunks)
        {
            if (h.AsSpan().SequenceEqual(hash))
            {
                return content;
            }
        }

        return null;
    }

    public void Clear() => chunks.Clear();

    /// <summary>The chunks' contents in upload order, for snapshots.</summary>
    public IReadOnlyList<byte[]> Contents() => chunks.Select(c => c.Content).ToArray();

    /// <summary>Replaces the content with <paramref name="contents"/> (a snapshot being loaded).</summary>
    public void Replace(IEnumerable<byte[]> contents)
    {
        chunks.Clear();
        foreach (var content in contents)
        {
            Add(content, out _);
        }
    }
}
