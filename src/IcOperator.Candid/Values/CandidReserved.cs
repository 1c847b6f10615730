namespace IcOperator.Candid;

/// <summary>The value of <c>reserved</c>: whatever was there was ignored. Printed as <c>null</c>.</summary>
public sealed class CandidReserved : CandidValue
{
    internal static readonly CandidReserved Instance = new();

    private CandidReserved()
    {
    }

    public override bool Equals(CandidValue? other) => other is CandidReserved;

    public override int GetHashCode() => 2;
}
