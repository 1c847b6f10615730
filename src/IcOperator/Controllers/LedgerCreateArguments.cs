using System.Globalization;
using System.Numerics;
using IcOperator.Api.V1Alpha1;

namespace IcOperator.Controllers;

/// <summary>
/// What a create through the cycles ledger is deduplicated by: its amount and created_at_time (the ledger's Burn
/// transaction, not the settings). Both are chosen once, recorded in pendingCreate before the first attempt and sent
/// again by every retry, whatever the spec says by then, so a retried create is answered as a duplicate.
/// </summary>
internal static class LedgerCreateArguments
{
    /// <summary>The pending create with its amount and created_at_time chosen, unless an earlier attempt chose them.</summary>
    public static PendingCreate Chosen(PendingCreate pending, DateTimeOffset now, BigInteger cycles) => pending with
    {
        CreatedAtTime = pending.CreatedAtTime ?? (now.ToUnixTimeMilliseconds() * 1_000_000).ToString(CultureInfo.InvariantCulture),
        Cycles = pending.Cycles ?? cycles.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The amount and created_at_time (nanoseconds) of a pending create whose arguments were chosen.</summary>
    public static (BigInteger Cycles, ulong CreatedAtTime) Of(PendingCreate pending) =>
        (BigInteger.Parse(pending.Cycles ?? throw new ArgumentException("expected the pending create's cycles", nameof(pending)), CultureInfo.InvariantCulture),
         ulong.Parse(pending.CreatedAtTime ?? throw new ArgumentException("expected the pending create's created_at_time", nameof(pending)), CultureInfo.InvariantCulture));
}
