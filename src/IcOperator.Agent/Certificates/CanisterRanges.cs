using IcOperator.Agent.Cbor;
using IcOperator.Candid;

namespace IcOperator.Agent.Certificates;

/// <summary>
/// A subnet's canister ranges as stored in the state tree: CBOR (self-describe tag) array of inclusive
/// <c>[start, end]</c> principal byte pairs.
/// </summary>
public sealed record CanisterRanges(IReadOnlyList<(Principal Start, Principal End)> Ranges)
{
    public bool Contains(Principal canisterId) => Ranges.Any(r => canisterId.IsInRange(r.Start, r.End));

    public byte[] Encode() => CborEncoding.Encode(
        new CborArray(Ranges.Select(r => (CborValue)new CborArray(new CborBytes(r.Start.Bytes), new CborBytes(r.End.Bytes))).ToArray()),
        selfDescribe: true);

    public static CanisterRanges Decode(ReadOnlySpan<byte> cbor)
    {
        var array = CborEncoding.DecodeUntagged(cbor).AsArray("canister_ranges");
        var ranges = new List<(Principal, Principal)>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            var pair = array[i].AsArray($"canister_ranges[{i}]");
            if (pair.Count != 2)
            {
                throw new CborException($"canister_ranges[{i}]: expected [start, end], found {pair.Count} elements");
            }

            ranges.Add((Principal.FromBytes(pair[0].AsBytes($"canister_ranges[{i}][0]")), Principal.FromBytes(pair[1].AsBytes($"canister_ranges[{i}][1]"))));
        }

        return new CanisterRanges(ranges);
    }
}
