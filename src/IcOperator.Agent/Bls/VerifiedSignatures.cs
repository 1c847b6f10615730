using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace IcOperator.Agent.Bls;

/// <summary>
/// (key, signature, message) triples that verified, remembered by their SHA-256. Every certificate a
/// subnet sends carries the same delegation until the root subnet renews it, so remembering it halves
/// the pairing work of a certificate. Only successes are remembered; a hit needs the exact same bytes.
/// </summary>
internal sealed class VerifiedSignatures(int capacity)
{
    private readonly ConcurrentDictionary<UInt128, UInt128> verified = new();
    private readonly Lock[] gates = [.. Enumerable.Range(0, 64).Select(_ => new Lock())];

    /// <summary>Whether anything is remembered (a capacity of 0 checks every signature afresh).</summary>
    public bool Enabled => capacity > 0;

    /// <summary>The lock that checks of this triple take, so concurrent checks of one triple run one pairing.</summary>
    public Lock GateOf(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> signature, ReadOnlySpan<byte> message) =>
        gates[(int)(Digest(publicKey, signature, message).Lo % (uint)gates.Length)];

    public bool Contains(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> signature, ReadOnlySpan<byte> message)
    {
        if (capacity == 0)
        {
            return false;
        }

        var (lo, hi) = Digest(publicKey, signature, message);
        return verified.TryGetValue(lo, out var stored) && stored == hi;
    }

    public void Add(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> signature, ReadOnlySpan<byte> message)
    {
        if (capacity == 0)
        {
            return;
        }

        if (verified.Count >= capacity)
        {
            // Delegations are renewed rarely; starting over is simpler than tracking recency and just as good.
            verified.Clear();
        }

        var (lo, hi) = Digest(publicKey, signature, message);
        verified[lo] = hi;
    }

    private static (UInt128 Lo, UInt128 Hi) Digest(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> signature, ReadOnlySpan<byte> message)
    {
        // Fixed-length key and signature first, so the concatenation is unambiguous.
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(publicKey);
        sha.AppendData(signature);
        sha.AppendData(message);
        Span<byte> digest = stackalloc byte[32];
        sha.GetHashAndReset(digest);
        return (System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(digest), System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(digest[16..]));
    }
}
