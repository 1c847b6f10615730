namespace IcOperator.Candid;

/// <summary>The value of <c>null</c> (and of a missing <c>opt</c>).</summary>
public sealed class CandidNull : CandidValue
{
    internal static readonly CandidNull Instance = new();

    private CandidNull()
    {
    }

    // At an opt type, null and none are the same value (CandidOpt says so too, keeping equality symmetric).
    public override bool Equals(CandidValue? other) => other is CandidNull or CandidOpt { Value: null };

    public override int GetHashCode() => 1;
}
