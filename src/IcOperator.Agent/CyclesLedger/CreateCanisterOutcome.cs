using IcOperator.Candid;

namespace IcOperator.Agent.CyclesLedger;

/// <summary><c>variant { Ok : CreateCanisterSuccess; Err : CreateCanisterError }</c>.</summary>
public abstract record CreateCanisterOutcome
{
    private protected CreateCanisterOutcome()
    {
    }

    [CandidName("Ok")]
    public sealed record Ok(CreateCanisterSuccess Value) : CreateCanisterOutcome;

    [CandidName("Err")]
    public sealed record Err(CreateCanisterError Value) : CreateCanisterOutcome;
}
