using System.Numerics;
using IcOperator.Candid;

namespace IcOperator.Agent.CyclesLedger;

/// <summary><c>variant { Ok : nat; Err : WithdrawError }</c>.</summary>
public abstract record WithdrawOutcome
{
    private protected WithdrawOutcome()
    {
    }

    [CandidName("Ok")]
    public sealed record Ok(BigInteger Value) : WithdrawOutcome;

    [CandidName("Err")]
    public sealed record Err(WithdrawError Value) : WithdrawOutcome;
}
