using System.Numerics;
using IcOperator.Candid;

namespace IcOperator.Agent.CyclesLedger;

/// <summary>Why a withdrawal did not happen.</summary>
public abstract record WithdrawError
{
    private protected WithdrawError()
    {
    }

    [CandidName("BadFee")]
    public sealed record BadFee(BigInteger ExpectedFee) : WithdrawError;

    [CandidName("InsufficientFunds")]
    public sealed record InsufficientFunds(BigInteger Balance) : WithdrawError;

    [CandidName("TooOld")]
    public sealed record TooOld : WithdrawError;

    [CandidName("CreatedInFuture")]
    public sealed record CreatedInFuture(ulong LedgerTime) : WithdrawError;

    [CandidName("TemporarilyUnavailable")]
    public sealed record TemporarilyUnavailable : WithdrawError;

    [CandidName("Duplicate")]
    public sealed record Duplicate(BigInteger DuplicateOf) : WithdrawError;

    [CandidName("FailedToWithdraw")]
    public sealed record FailedToWithdraw(BigInteger? FeeBlock, RejectionCode RejectionCode, string RejectionReason) : WithdrawError;

    [CandidName("GenericError")]
    public sealed record GenericError(string Message, BigInteger ErrorCode) : WithdrawError;

    [CandidName("InvalidReceiver")]
    public sealed record InvalidReceiver(Principal Receiver) : WithdrawError;
}
