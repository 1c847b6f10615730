using System.Collections.Concurrent;
using IcOperator.Agent.Bls.Curves;
using IcOperator.Agent.Bls.Pairing;

namespace IcOperator.Agent.Bls;

/// <summary>
/// Decoded, subgroup-checked public keys with their Miller-loop lines. An agent verifies against a
/// handful of keys (the root key and a few subnet keys), so caching them skips the G2 square root,
/// the subgroup check and the line computation on every certificate.
/// </summary>
internal sealed class PreparedPublicKeys
{
    private const int Capacity = 64;

    private readonly ConcurrentDictionary<string, G2Prepared?> cache = new(StringComparer.Ordinal);

    /// <summary>The prepared key, or null when the bytes are not a valid G2 point other than infinity.</summary>
    public G2Prepared? Get(ReadOnlySpan<byte> publicKey96)
    {
        var hex = Convert.ToHexString(publicKey96);
        if (cache.TryGetValue(hex, out var prepared))
        {
            return prepared;
        }

        prepared = G2.TryDecompress(publicKey96, out var point) && !point.IsInfinity ? G2Prepared.From(point) : null;
        if (cache.Count >= Capacity)
        {
            // Keys rotate rarely; starting over is simpler than tracking recency and just as good.
            cache.Clear();
        }

        cache[hex] = prepared;
        return prepared;
    }
}
