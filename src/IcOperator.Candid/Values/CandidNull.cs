namespace IcOperator.Candid;

/// <summary>The value of <c>null</c> (and of a missing <c>opt</c>).</summary>
public sealed class CandidNull : CandidValue
{
    internal static readonly CandidNull Instance = new();

    private CandidNull()
    {
    }

    public override bool Equals(CandidValue? other) => other is CandidNull;

    public override int GetHashCode() => 1;
}
