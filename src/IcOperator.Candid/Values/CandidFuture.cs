namespace IcOperator.Candid;

/// <summary>A value of a future type, kept only until it is coerced (to null or reserved).</summary>
internal sealed class CandidFuture : CandidValue
{
    public static readonly CandidFuture Instance = new();

    public override bool Equals(CandidValue? other) => ReferenceEquals(this, other);

    public override int GetHashCode() => 5;
}
