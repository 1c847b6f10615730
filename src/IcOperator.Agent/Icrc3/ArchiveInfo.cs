using System.Numerics;

namespace IcOperator.Agent.Icrc3;

/// <summary>An entry of <c>icrc3_get_archives</c>: an archive canister and the first and last block it holds.</summary>
public sealed record ArchiveInfo(Candid.Principal CanisterId, BigInteger Start, BigInteger End);
