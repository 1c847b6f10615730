using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using IcOperator.Agent.Certificates;
using IcOperator.Candid;

namespace IcOperator.Orchestration;

/// <summary>
/// Chooses the canister id a provisional create asks for (specified_id) before its first attempt, so a restarted
/// operator can tell whether the create happened by looking for that canister, even once the IC forgot the request.
/// </summary>
internal static class CanisterIdChoice
{
    /// <summary>
    /// An id in the upper half of the subnet range holding <paramref name="routing"/>, derived from
    /// <paramref name="seed"/>: the subnet hands out ids of its own from the bottom of its ranges, so the two rarely meet.
    /// </summary>
    public static Principal Choose(CanisterRanges ranges, Principal routing, string seed)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        ArgumentNullException.ThrowIfNull(routing);
        ArgumentNullException.ThrowIfNull(seed);
        var range = ranges.Ranges.FirstOrDefault(r => routing.IsInRange(r.Start, r.End));
        if (range.Start is null || !range.Start.TryGetCanisterIndex(out var start) || !range.End.TryGetCanisterIndex(out var end) || start > end)
        {
            throw new InvalidOperationException($"canister ranges: none holds {routing} between two canister ids, so no id can be chosen beside it; ranges: {string.Join(", ", ranges.Ranges.Select(r => $"{r.Start}..{r.End}"))}");
        }

        var half = start + ((end - start) / 2);
        var width = end - half;
        var hash = BinaryPrimitives.ReadUInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(seed)));
        return Principal.FromCanisterIndex(half + (width == ulong.MaxValue ? hash : hash % (width + 1)));
    }
}
