using System.Numerics;
using IcOperator.Candid;

namespace IcOperator.Agent.Management;

/// <summary>Argument of <c>provisional_create_canister_with_cycles</c> (local and test networks only).</summary>
public sealed record ProvisionalCreateCanisterWithCyclesArgs(BigInteger? Amount, CanisterSettings? Settings, Principal? SpecifiedId, ulong? SenderCanisterVersion);
