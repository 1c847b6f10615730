using System.Numerics;
using IcOperator.Candid;

namespace IcOperator.Agent.CyclesLedger;

/// <summary>Why the cycles ledger did not create a canister.</summary>
public abstract record CreateCanisterError
{
    private protected CreateCanisterError()
    {
    }

    [CandidName("InsufficientFunds")]
    public sealed record InsufficientFunds(BigInteger Balance) : CreateCanisterError;

    [CandidName("TooOld")]
    public sealed record TooOld : CreateCanisterError;

    [CandidName("CreatedInFuture")]
    public sealed record CreatedInFuture(ulong LedgerTime) : CreateCanisterError;

    [CandidName("TemporarilyUnavailable")]
    public sealed record TemporarilyUnavailable : CreateCanisterError;

    /// <summary>The same request (same created_at_time and arguments) was already executed; it names the canister made then.</summary>
    [CandidName("Duplicate")]
    public sealed record Duplicate(BigInteger DuplicateOf, Principal? CanisterId) : CreateCanisterError;

    [CandidName("FailedToCreate")]
    public sealed record FailedToCreate(BigInteger? FeeBlock, BigInteger? RefundBlock, string Error) : CreateCanisterError;

    [CandidName("GenericError")]
    public sealed record GenericError(string Message, BigInteger ErrorCode) : CreateCanisterError;
}
