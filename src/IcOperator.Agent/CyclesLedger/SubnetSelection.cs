using IcOperator.Candid;

namespace IcOperator.Agent.CyclesLedger;

/// <summary>Where the new canister goes: <c>variant { Subnet : record { subnet : principal }; Filter : SubnetFilter }</c>.</summary>
public abstract record SubnetSelection
{
    private protected SubnetSelection()
    {
    }

    [CandidName("Subnet")]
    public sealed record Subnet([property: CandidName("subnet")] Principal SubnetId) : SubnetSelection;

    [CandidName("Filter")]
    public sealed record Filter(SubnetFilter Value) : SubnetSelection;
}
