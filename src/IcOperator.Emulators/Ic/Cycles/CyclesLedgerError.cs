using System.Numerics;
using IcOperator.Candid;

namespace IcOperator.Emulators.Ic.Cycles;

/// <summary>
/// An <c>Err</c> of the cycles ledger's <c>create_canister</c> or <c>withdraw</c>: <see cref="Variant"/> names the case
/// (<c>InsufficientFunds</c>, <c>Duplicate</c>, <c>TooOld</c>, <c>CreatedInFuture</c>, <c>FailedToCreate</c>,
/// <c>InvalidReceiver</c>, <c>GenericError</c>), the other fields carry that case's record.
/// </summary>
public sealed record CyclesLedgerError(string Variant)
{
    public BigInteger? Balance { get; init; }

    public BigInteger? DuplicateOf { get; init; }

    /// <summary>For <c>FailedToCreate</c>: the block that charged the fee.</summary>
    public BigInteger? FeeBlock { get; init; }

    public Principal? CanisterId { get; init; }

    public ulong? LedgerTime { get; init; }

    public Principal? Receiver { get; init; }

    public string? Message { get; init; }
}
