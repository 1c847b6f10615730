namespace IcOperator.Candid;

public sealed class CandidPrincipal(Principal value) : CandidValue
{
    public Principal Value { get; } = value ?? throw new ArgumentNullException(nameof(value));

    public override bool Equals(CandidValue? other) => other is CandidPrincipal p && p.Value == Value;

    public override int GetHashCode() => Value.GetHashCode();
}
