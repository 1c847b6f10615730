using IcOperator.Candid;

namespace IcOperator.Agent.Management;

/// <summary>A canister snapshot.</summary>
public sealed record Snapshot(byte[] Id, ulong TakenAtTimestamp, ulong TotalSize)
{
    [CandidIgnore]
    public string IdHex => Convert.ToHexStringLower(Id);
}
