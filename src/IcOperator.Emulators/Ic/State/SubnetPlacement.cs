using IcOperator.Agent.Certificates;
using IcOperator.Candid;

namespace IcOperator.Emulators.Ic.State;

/// <summary>Which canister ids a subnet of the emulated network holds, and where it hands out new ones from.</summary>
internal sealed record SubnetPlacement(Principal SubnetId, byte[] PublicKeyDer, CanisterRanges Ranges)
{
    /// <summary>The first id a subnet other than the first hands out when no id is specified.</summary>
    public Principal FirstCanister => Ranges.Ranges[0].Start;
}
